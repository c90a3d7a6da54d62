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

    /// <summary>Not analyzed: a type declaration file (<c>.d.ts</c>, no runtime code) or over the size limit.</summary>
    Skipped,
}
