namespace NeedToKnow.Review.JavaScript;

/// <summary>How the JavaScript analyzer read one file.</summary>
internal enum JavaScriptParseMode
{
    /// <summary>Parsed by Acornima as an ES module.</summary>
    Module,

    /// <summary>Parsed by Acornima as a classic script, after the module parse failed.</summary>
    Script,

    /// <summary>Neither parse succeeded (TypeScript, syntax errors, nesting too deep); read by the token scan.</summary>
    TokenScan,

    /// <summary>
    /// Read but not parsed: no platform global in it is used in a way that can reach a privacy API (only members of
    /// no interest such as <c>wx.request</c>), so it cannot hold a site (<see cref="PlatformScreen"/>).
    /// </summary>
    Screened,

    /// <summary>Not analyzed: a type declaration file (<c>.d.ts</c>, no runtime code) or over the size limit.</summary>
    Skipped,
}
