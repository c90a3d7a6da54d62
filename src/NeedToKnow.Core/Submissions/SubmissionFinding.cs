namespace NeedToKnow.Core.Submissions;

/// <summary>One problem attached to a submission: a declaration diagnostic or a review finding, flattened for storage and display.</summary>
/// <param name="RuleId">The rule id or diagnostic code.</param>
/// <param name="Severity"><c>error</c>, <c>warning</c> or <c>note</c>.</param>
/// <param name="Message">One line.</param>
/// <param name="Key">The privacy key concerned, or null.</param>
/// <param name="File">The file (relative to the app root) or <c>privacy.json</c>, or null.</param>
/// <param name="Line">1-based line, 0 when unknown.</param>
/// <param name="Column">1-based column, 0 when unknown.</param>
public sealed record SubmissionFinding(string RuleId, string Severity, string Message, string? Key, string? File, int Line, int Column);
