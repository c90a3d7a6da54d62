using NeedToKnow.Core.Diagnostics;

namespace NeedToKnow.Core.Declarations;

/// <summary>
/// Every problem of one declaration at once, sorted by (line, column, code). Errors and warnings are kept apart
/// (STYLE.md H3): a declaration is valid when it was readable and has no error; warnings are allowed.
/// </summary>
public sealed class DeclarationValidationResult
{
    internal DeclarationValidationResult(PrivacyDeclaration? declaration, IReadOnlyList<Diagnostic> diagnostics, bool readable)
    {
        Declaration = declaration;
        Diagnostics = diagnostics;
        IsReadable = readable;
    }

    /// <summary>The declaration as read, or null when unreadable.</summary>
    public PrivacyDeclaration? Declaration { get; }

    /// <summary>All problems, sorted by line, column and code.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>False when the input could not be read as JSON at all (syntax, encoding, size or depth limits).</summary>
    public bool IsReadable { get; }

    /// <summary>True when readable and free of errors.</summary>
    public bool IsValid => IsReadable && ErrorCount == 0;

    /// <summary>Number of errors.</summary>
    public int ErrorCount => Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Number of warnings.</summary>
    public int WarningCount => Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
}
