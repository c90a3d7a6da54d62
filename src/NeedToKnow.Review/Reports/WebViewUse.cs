namespace NeedToKnow.Review.Reports;

/// <summary>A <c>&lt;web-view src&gt;</c> (or <c>&lt;navigator target="miniProgram"&gt;</c>) found in WXML.</summary>
/// <param name="File">WXML file relative to the app root.</param>
/// <param name="Line">1-based line of the opening <c>&lt;</c>.</param>
/// <param name="Column">1-based column of the opening <c>&lt;</c>.</param>
/// <param name="Source">The <c>src</c> value as written (a URL, or text with <c>{{ }}</c> bindings); for a navigator, its <c>app-id</c>.</param>
/// <param name="IsStatic">True when the value has no binding.</param>
/// <param name="Tag"><c>web-view</c> or <c>navigator</c>.</param>
public sealed record WebViewUse(string File, int Line, int Column, string Source, bool IsStatic, string Tag)
{
    /// <summary>The host (lowercase) when the text before any binding fixes it, e.g. <c>a.example.com</c> for <c>https://a.example.com/x?id={{id}}</c>; else null.</summary>
    public string? Host => Findings.FindingRules.StaticHost(Source).Host;
}
