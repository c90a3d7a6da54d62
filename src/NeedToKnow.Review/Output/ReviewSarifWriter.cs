using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NeedToKnow.Core.Diagnostics;
using NeedToKnow.Review.Reports;
using NeedToKnow.Review.Rules;

namespace NeedToKnow.Review.Output;

/// <summary>
/// Writes reports as SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html): one run
/// per package, the rule catalog as <c>tool.driver.rules</c> with help text, and each finding as a result whose
/// location is relative to the app root (<c>uriBaseId</c> <c>APPROOT</c>, §3.14.14).
/// </summary>
public static class ReviewSarifWriter
{
    private const string BaseId = "APPROOT";
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The reports as one SARIF log.</summary>
    /// <param name="reports">One report per package.</param>
    /// <returns>The SARIF JSON.</returns>
    public static string Write(IReadOnlyList<ReviewReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            foreach (var report in reports)
            {
                WriteRun(w, report);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteRun(Utf8JsonWriter w, ReviewReport report)
    {
        var rules = new List<ReviewRule>(ReviewRules.All);
        foreach (var f in report.Findings)
        {
            if (!rules.Exists(r => r.Id == f.RuleId))
            {
                // A code no catalog row describes (e.g. from an operator's catalog override): listed so that every result has a rule.
                rules.Add(new ReviewRule(f.RuleId, "Rule" + f.RuleId.Replace("-", "", StringComparison.Ordinal), f.Severity, "a problem in the package or its declaration", f.Help ?? "see docs/review.md", "docs/review.md"));
            }
        }

        rules.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            index[rules[i].Id] = i;
        }

        w.WriteStartObject();
        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", report.Tool.Name);
        w.WriteString("version", report.Tool.Version);
        w.WriteString("semanticVersion", report.Tool.Version);
        w.WriteString("informationUri", report.Tool.InformationUri);
        w.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            w.WriteStartObject();
            w.WriteString("id", rule.Id);
            w.WriteString("name", rule.Name);
            w.WriteStartObject("shortDescription");
            w.WriteString("text", Sentence(rule.Title));
            w.WriteEndObject();
            w.WriteStartObject("fullDescription");
            w.WriteString("text", Sentence(rule.Title) + " Source: " + rule.Source);
            w.WriteEndObject();
            w.WriteStartObject("help");
            w.WriteString("text", Sentence(rule.Help));
            w.WriteEndObject();
            w.WriteString("helpUri", report.Tool.InformationUri + "#" + rule.Id.ToLowerInvariant());
            w.WriteStartObject("defaultConfiguration");
            w.WriteString("level", Level(rule.Severity));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject("originalUriBaseIds");
        w.WriteStartObject(BaseId);
        w.WriteString("uri", RootUri(report.Package.Root));
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartArray("results");
        foreach (var f in report.Findings)
        {
            w.WriteStartObject();
            w.WriteString("ruleId", f.RuleId);
            w.WriteNumber("ruleIndex", index[f.RuleId]);
            w.WriteString("level", Level(f.Severity));
            w.WriteStartObject("message");
            w.WriteString("text", Sentence(f.Message));
            w.WriteEndObject();
            if (f.File is not null)
            {
                w.WriteStartArray("locations");
                w.WriteStartObject();
                w.WriteStartObject("physicalLocation");
                w.WriteStartObject("artifactLocation");
                w.WriteString("uri", EscapePath(f.File));
                w.WriteString("uriBaseId", BaseId);
                w.WriteEndObject();
                if (f.Line > 0)
                {
                    w.WriteStartObject("region");
                    w.WriteNumber("startLine", f.Line);
                    if (f.Column > 0)
                    {
                        w.WriteNumber("startColumn", f.Column);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
            }

            if (f.Key is not null)
            {
                w.WriteStartObject("properties");
                w.WriteString("privacyKey", f.Key);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("columnKind", "utf16CodeUnits");
        w.WriteEndObject();
    }

    private static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };

    // SARIF message strings are plain text sentences (§3.11.5 recommends a final period).
    private static string Sentence(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var s = char.ToUpperInvariant(text[0]) + text[1..];
        return s.EndsWith('.') || s.EndsWith('?') ? s : s + ".";
    }

    private static string RootUri(string root)
    {
        var full = Path.GetFullPath(root.Length == 0 ? "." : root).Replace('\\', '/');
        if (!full.EndsWith('/'))
        {
            full += "/";
        }

        return new Uri("file://" + (full.StartsWith('/') ? "" : "/") + full).AbsoluteUri;
    }

    private static string EscapePath(string path)
    {
        var parts = path.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Uri.EscapeDataString(parts[i]);
        }

        return string.Join('/', parts);
    }
}
