using NeedToKnow.Core.Diagnostics;

namespace NeedToKnow.Review.Reports;

/// <summary>
/// One finding of a review: a rule of <see cref="Rules.ReviewRules"/> (or a declaration-validation code), its
/// severity, the privacy key it concerns, a one-line message and where it is.
/// </summary>
/// <param name="RuleId">Rule id, e.g. <c>NTK-REV-001</c>.</param>
/// <param name="Severity">Error, warning or note.</param>
/// <param name="Key">The privacy key concerned, or null.</param>
/// <param name="Message">What is wrong: lowercase, one line, user input in backticks.</param>
/// <param name="Help">How to fix it.</param>
/// <param name="File">File relative to the app root (<c>/</c> separators), or null when it concerns the package.</param>
/// <param name="Line">1-based line, 0 when unknown.</param>
/// <param name="Column">1-based column, 0 when unknown.</param>
public sealed record ReviewFinding(
    string RuleId,
    DiagnosticSeverity Severity,
    string? Key,
    string Message,
    string? Help,
    string? File,
    int Line,
    int Column)
{
    /// <summary>The finding as a <see cref="Diagnostic"/>, the shape every NeedToKnow problem has.</summary>
    /// <returns>The diagnostic.</returns>
    public Diagnostic ToDiagnostic() =>
        new(RuleId, Severity, Message, Help, File is null ? null : new DiagnosticLocation(File, Line, Column));

    /// <summary>Makes a finding from a diagnostic (package reading, declaration validation).</summary>
    /// <param name="diagnostic">The diagnostic.</param>
    /// <param name="key">The privacy key concerned, or null.</param>
    /// <returns>The finding.</returns>
    public static ReviewFinding From(Diagnostic diagnostic, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        return new(diagnostic.Code, diagnostic.Severity, key, diagnostic.Message, diagnostic.Help, diagnostic.Location?.File, diagnostic.Location?.Line ?? 0, diagnostic.Location?.Column ?? 0);
    }
}
