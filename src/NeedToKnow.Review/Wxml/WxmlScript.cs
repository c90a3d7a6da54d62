namespace NeedToKnow.Review.Wxml;

/// <summary>The inline body of a <c>&lt;wxs&gt;</c> tag, handed to the JavaScript analyzer as a script.</summary>
/// <param name="Code">The body text.</param>
/// <param name="Offset">0-based offset of the body's first character in the WXML file.</param>
/// <param name="Module">The <c>module</c> attribute, or null.</param>
internal sealed record WxmlScript(string Code, int Offset, string? Module);
