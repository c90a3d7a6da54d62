namespace NeedToKnow.Core.Diagnostics;

/// <summary>
/// One problem found in user input: a stable code from the catalog, a severity, a one-line message, a fix and a
/// location. The single shape of every user-facing problem in NeedToKnow (declaration validation, review
/// findings, link-policy configuration); the HTTP API returns it as JSON and <c>ntk review</c> maps it to SARIF.
/// </summary>
/// <remarks>
/// Message style (STYLE.md H4): lowercase, no final period, one line, user input in backticks, causes chained
/// with <c>": "</c>.
/// </remarks>
/// <param name="Code">Stable rule id or reason code, e.g. <c>NTK-DECL-001</c>.</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Message">What is wrong, one line.</param>
/// <param name="Help">How to fix it, or null.</param>
/// <param name="Location">Where it is, or null when it concerns the whole input.</param>
public sealed record Diagnostic(
    string Code,
    DiagnosticSeverity Severity,
    string Message,
    string? Help = null,
    DiagnosticLocation? Location = null)
{
    /// <summary>Formats as <c>location: severity CODE: message</c>, the layout compilers use.</summary>
    public override string ToString()
    {
        var where = Location?.ToString();
        var sev = Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "note",
        };
        return (string.IsNullOrEmpty(where) ? "" : where + ": ") + sev + " " + Code + ": " + Message;
    }
}
