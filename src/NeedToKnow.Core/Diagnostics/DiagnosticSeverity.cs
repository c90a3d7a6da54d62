namespace NeedToKnow.Core.Diagnostics;

/// <summary>How serious a <see cref="Diagnostic"/> is. Only <see cref="Error"/> makes a result fail.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The input is wrong and must be fixed; a result holding one does not pass.</summary>
    Error,

    /// <summary>The input is accepted but probably not what was meant.</summary>
    Warning,

    /// <summary>Information only.</summary>
    Note,
}
