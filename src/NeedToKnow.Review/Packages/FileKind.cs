namespace NeedToKnow.Review.Packages;

/// <summary>The kinds of package file the reviewer reads, by extension.</summary>
public enum FileKind
{
    /// <summary><c>.js</c>, <c>.mjs</c>, <c>.cjs</c>.</summary>
    JavaScript,

    /// <summary><c>.ts</c> (token scan only; the reviewer has no TypeScript parser).</summary>
    TypeScript,

    /// <summary><c>.wxml</c> templates.</summary>
    Wxml,

    /// <summary><c>.wxs</c> scripts (a JavaScript subset).</summary>
    Wxs,

    /// <summary><c>.json</c> configuration (app.json, page and component JSON).</summary>
    Json,
}
