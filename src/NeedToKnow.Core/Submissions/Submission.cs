namespace NeedToKnow.Core.Submissions;

/// <summary>
/// One submitted version of an app: its declaration version, what validation and review found, and the operator's
/// verdict. Immutable apart from the verdict, which is set once.
/// </summary>
/// <param name="AppId">The app.</param>
/// <param name="Version">The declaration version number this submission created.</param>
/// <param name="SubmittedAt">When it was submitted.</param>
/// <param name="Status">Pending, invalid, approved, rejected or superseded.</param>
/// <param name="Findings">Declaration diagnostics and review findings, sorted by file, line, column, rule.</param>
/// <param name="DetectedKeys">The privacy keys the review found the package using.</param>
/// <param name="PackageFiles">How many files the package held.</param>
/// <param name="PackageBytes">How many bytes the package held, uncompressed.</param>
/// <param name="DecidedAt">When the operator approved or rejected it, else null.</param>
/// <param name="Reason">The operator's reason for a rejection (or a note for an approval), else null.</param>
public sealed record Submission(
    string AppId,
    int Version,
    DateTimeOffset SubmittedAt,
    SubmissionStatus Status,
    IReadOnlyList<SubmissionFinding> Findings,
    IReadOnlyList<string> DetectedKeys,
    int PackageFiles,
    long PackageBytes,
    DateTimeOffset? DecidedAt = null,
    string? Reason = null)
{
    /// <summary>How many findings are errors.</summary>
    public int Errors => Findings.Count(f => f.Severity == "error");

    /// <summary>How many findings are warnings.</summary>
    public int Warnings => Findings.Count(f => f.Severity == "warning");
}
