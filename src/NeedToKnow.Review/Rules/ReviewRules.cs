using System.Text.Json;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Diagnostics;

namespace NeedToKnow.Review.Rules;

/// <summary>
/// The review rule catalog: the review's own rules (<c>NTK-PKG-*</c>, <c>NTK-REV-*</c>), embedded as
/// <c>Rules/review-rules.json</c>, and the declaration-validation rules (<c>NTK-DECL-*</c>) the review reports,
/// whose severity, title, help and source are rows of the catalog's reason codes (<see cref="PrivacyCatalog.ReasonCodes"/>).
/// Code refers to rows by id.
/// </summary>
public static class ReviewRules
{
    private static readonly Lazy<Dictionary<string, ReviewRule>> Rows = new(Load);

    /// <summary>Every rule, ordered by id.</summary>
    public static IReadOnlyList<ReviewRule> All => [.. Rows.Value.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];

    /// <summary>The rule with <paramref name="id"/>.</summary>
    /// <param name="id">A rule id such as <c>NTK-REV-001</c>.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="KeyNotFoundException">No rule has that id (a programming error: ids are constants).</exception>
    public static ReviewRule Get(string id) => Rows.Value.TryGetValue(id, out var rule)
        ? rule
        : throw new KeyNotFoundException("no review rule `" + id + "`");

    /// <summary>True when <paramref name="id"/> is a rule of this catalog.</summary>
    /// <param name="id">A code.</param>
    /// <returns>Whether it is known.</returns>
    public static bool Contains(string id) => Rows.Value.ContainsKey(id);

    internal static Diagnostic Create(string id, string message, string? file = null, int line = 0, int column = 0, string? help = null, string? pointer = null)
    {
        var rule = Get(id);
        DiagnosticLocation? location = file is null && pointer is null ? null : new DiagnosticLocation(file, line, column, pointer);
        return new Diagnostic(id, rule.Severity, message, help ?? rule.Help, location);
    }

    private static Dictionary<string, ReviewRule> Load()
    {
        using var stream = typeof(ReviewRules).Assembly.GetManifestResourceStream("NeedToKnow.Review.Rules.review-rules.json")
            ?? throw new InvalidOperationException("embedded review-rules.json is missing");
        using var doc = JsonDocument.Parse(stream);
        var rows = new Dictionary<string, ReviewRule>(StringComparer.Ordinal);
        var names = doc.RootElement.GetProperty("declarationNames");
        foreach (var code in PrivacyCatalog.Default.ReasonCodes)
        {
            if (code.Area == ReasonArea.Declaration)
            {
                var name = names.TryGetProperty(code.Id, out var n) ? n.GetString()! : "Declaration" + code.Id.Replace("-", "", StringComparison.Ordinal);
                rows.Add(code.Id, new ReviewRule(code.Id, name, code.Severity ?? DiagnosticSeverity.Error, code.Message, code.Help, code.Source));
            }
        }

        foreach (var row in doc.RootElement.GetProperty("rules").EnumerateArray())
        {
            var severity = row.GetProperty("severity").GetString() switch
            {
                "error" => DiagnosticSeverity.Error,
                "warning" => DiagnosticSeverity.Warning,
                _ => DiagnosticSeverity.Note,
            };
            var rule = new ReviewRule(
                row.GetProperty("id").GetString()!,
                row.GetProperty("name").GetString()!,
                severity,
                row.GetProperty("title").GetString()!,
                row.GetProperty("help").GetString()!,
                row.GetProperty("source").GetString()!);
            rows.Add(rule.Id, rule);
        }

        return rows;
    }
}
