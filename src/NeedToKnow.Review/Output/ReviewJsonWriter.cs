using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NeedToKnow.Core.Diagnostics;
using NeedToKnow.Review.Reports;
using NeedToKnow.Review.Sites;

namespace NeedToKnow.Review.Output;

/// <summary>
/// Writes a <see cref="ReviewReport"/> as the JSON of <c>ntk review --format json</c>:
/// <c>{"tool","package":{"root","files","bytes"},"detected":[{"key","sites":[{"file","line","column","api","kind","party","confidence"}]}],
/// "findings":[{"ruleId","severity","key","message","file","line","column"}],"coverage":{...}}</c>, lines and columns
/// 1-based, properties always in this order (byte-identical output for equal reports). A finding about the whole
/// package (no file) or a whole file has null line and column.
/// </summary>
public static class ReviewJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The report as JSON text (UTF-8 when written to a file), ending without a newline.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The JSON.</returns>
    public static string Write(ReviewReport report) => Write([report]);

    /// <summary>One report as a JSON object, several as a JSON array of them.</summary>
    /// <param name="reports">The reports, at least one.</param>
    /// <returns>The JSON.</returns>
    public static string Write(IReadOnlyList<ReviewReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            if (reports.Count == 1)
            {
                WriteReport(w, reports[0]);
            }
            else
            {
                w.WriteStartArray();
                foreach (var report in reports)
                {
                    WriteReport(w, report);
                }

                w.WriteEndArray();
            }
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteReport(Utf8JsonWriter w, ReviewReport report)
    {
        w.WriteStartObject();
        w.WriteStartObject("tool");
        w.WriteString("name", report.Tool.Name);
        w.WriteString("version", report.Tool.Version);
        w.WriteString("informationUri", report.Tool.InformationUri);
        w.WriteEndObject();

        w.WriteStartObject("package");
        w.WriteString("root", report.Package.Root);
        w.WriteNumber("files", report.Package.Files);
        w.WriteNumber("bytes", report.Package.Bytes);
        w.WriteEndObject();

        w.WriteStartArray("detected");
        foreach (var detected in report.Detected)
        {
            w.WriteStartObject();
            w.WriteString("key", detected.Key);
            w.WriteStartArray("sites");
            foreach (var site in detected.Sites)
            {
                w.WriteStartObject();
                w.WriteString("file", site.File);
                w.WriteNumber("line", site.Line);
                w.WriteNumber("column", site.Column);
                w.WriteString("api", site.Api);
                w.WriteString("kind", KindName(site.Kind));
                w.WriteString("party", site.Party);
                w.WriteString("confidence", site.Confidence == SiteConfidence.High ? "high" : "low");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("findings");
        foreach (var f in report.Findings)
        {
            w.WriteStartObject();
            w.WriteString("ruleId", f.RuleId);
            w.WriteString("severity", SeverityName(f.Severity));
            w.WriteString("key", f.Key);
            w.WriteString("message", f.Message);
            w.WriteString("file", f.File);
            WritePosition(w, "line", f.Line);
            WritePosition(w, "column", f.Column);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartObject("coverage");
        w.WriteStartObject("kinds");
        foreach (var (kind, c) in report.Coverage.Kinds)
        {
            w.WriteStartObject(kind);
            w.WriteNumber("parsed", c.Parsed);
            w.WriteNumber("fellBack", c.FellBack);
            w.WriteNumber("skipped", c.Skipped);
            w.WriteNumber("screened", c.Screened);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteNumber("inlineScripts", report.Coverage.InlineScripts);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    internal static string KindName(SiteKind kind) => kind switch
    {
        SiteKind.Call => "call",
        SiteKind.Reference => "reference",
        SiteKind.Authorize => "authorize",
        _ => "component",
    };

    private static void WritePosition(Utf8JsonWriter w, string name, int value)
    {
        if (value > 0)
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    internal static string SeverityName(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };
}
