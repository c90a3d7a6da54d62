using NeedToKnow.Review.Sites;

namespace NeedToKnow.Review.Analysis;

/// <summary>How one script (a .js/.ts/.wxs file or an inline <c>&lt;wxs&gt;</c> body) was analysed.</summary>
internal enum ScriptMode
{
    Parsed,
    FellBack,
    Skipped,
    Screened,
}

/// <summary>The sites of one script, how it was read, and the parse problem when it fell back.</summary>
internal sealed record ScriptOutcome(IReadOnlyList<PrivacySite> Sites, ScriptMode Mode, string? Problem, int ProblemLine, int ProblemColumn);
