using NeedToKnow.Core.Diagnostics;

namespace NeedToKnow.Core.Catalog;

/// <summary>
/// Thrown by <see cref="PrivacyCatalog.Load(string, string)"/> when a catalog file breaks the catalog's invariants
/// (STYLE.md H17): each problem is a <see cref="Diagnostic"/> with an <c>NTK-CAT-*</c> code, the file and the JSON
/// pointer of the row, and the reason.
/// </summary>
public sealed class CatalogException : Exception
{
    /// <summary>Creates the exception from the problems found; the message lists them one per line.</summary>
    /// <param name="diagnostics">At least one problem.</param>
    public CatalogException(IReadOnlyList<Diagnostic> diagnostics)
        : base(Describe(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Every problem found, in file and row order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    private static string Describe(IReadOnlyList<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        return "invalid privacy catalog: " + diagnostics.Count + " problem(s)" + Environment.NewLine
            + string.Join(Environment.NewLine, diagnostics);
    }
}
