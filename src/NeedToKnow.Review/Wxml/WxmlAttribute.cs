namespace NeedToKnow.Review.Wxml;

/// <summary>One attribute of a WXML start tag as written.</summary>
/// <param name="Name">The attribute name, e.g. <c>open-type</c>.</param>
/// <param name="NameOffset">0-based UTF-16 offset of the name.</param>
/// <param name="Value">The raw value without quotes, or null for a valueless attribute (<c>&lt;input disabled&gt;</c>).</param>
/// <param name="ValueOffset">0-based offset of the first character of the value, or -1.</param>
internal sealed record WxmlAttribute(string Name, int NameOffset, string? Value, int ValueOffset);
