using NeedToKnow.Review.Sites;

namespace NeedToKnow.Review.JavaScript;

/// <summary>What the JavaScript analyzer found in one file (or one <c>&lt;wxs&gt;</c> body).</summary>
/// <param name="Sites">The privacy sites, sorted by line, then column, then API.</param>
/// <param name="Mode">How the file was read.</param>
/// <param name="Error">
/// Why the parse failed, when <paramref name="Mode"/> is <see cref="JavaScriptParseMode.TokenScan"/> or
/// <see cref="JavaScriptParseMode.Skipped"/>; positions are 1-based and in the file's coordinates. Null otherwise.
/// </param>
internal sealed record JavaScriptFileResult(
    IReadOnlyList<PrivacySite> Sites,
    JavaScriptParseMode Mode,
    JavaScriptParseProblem? Error);

/// <summary>Why a file was not parsed: the first syntax error (1-based position), or the limit it exceeded.</summary>
/// <param name="Message">Lowercase message, e.g. <c>unexpected token</c> or <c>nesting too deep to parse</c>.</param>
/// <param name="Line">1-based line, 0 when not tied to a place.</param>
/// <param name="Column">1-based column in UTF-16 code units, 0 when not tied to a place.</param>
internal sealed record JavaScriptParseProblem(string Message, int Line, int Column);
