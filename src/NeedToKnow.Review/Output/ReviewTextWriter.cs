using System.Text;
using NeedToKnow.Core.Diagnostics;
using NeedToKnow.Review.Reports;
using NeedToKnow.Review.Sites;

namespace NeedToKnow.Review.Output;

/// <summary>Writes a <see cref="ReviewReport"/> for people: the privacy keys with their places, then the findings with their fixes, then coverage.</summary>
public static class ReviewTextWriter
{
    /// <summary>The report as text, lines ending in <c>\n</c>.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The text.</returns>
    public static string Write(ReviewReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        sb.Append("review of ").Append(report.Package.Root).Append(" (").Append(report.Package.Files).Append(" files, ").Append(report.Package.Bytes).Append(" bytes)\n");
        if (report.Detected.Count == 0)
        {
            sb.Append("no privacy API is used\n");
        }
        else
        {
            sb.Append(report.Detected.Count).Append(report.Detected.Count == 1 ? " privacy key used:\n" : " privacy keys used:\n");
            foreach (var detected in report.Detected)
            {
                sb.Append("  ").Append(detected.Key).Append(" (").Append(detected.Sites.Count).Append(detected.Sites.Count == 1 ? " place)\n" : " places)\n");
                foreach (var site in detected.Sites)
                {
                    sb.Append("    ").Append(site.File).Append(':').Append(site.Line).Append(':').Append(site.Column)
                        .Append("  ").Append(site.Api).Append("  ").Append(ReviewJsonWriter.KindName(site.Kind));
                    if (site.Party != PrivacySite.FirstParty)
                    {
                        sb.Append("  sdk ").Append(site.Party);
                    }

                    if (site.Confidence == SiteConfidence.Low)
                    {
                        sb.Append("  (low confidence)");
                    }

                    sb.Append('\n');
                }
            }
        }

        var errors = report.Findings.Count(f => f.Severity == DiagnosticSeverity.Error);
        var warnings = report.Findings.Count(f => f.Severity == DiagnosticSeverity.Warning);
        var notes = report.Findings.Count - errors - warnings;
        sb.Append("findings: ").Append(errors).Append(errors == 1 ? " error, " : " errors, ").Append(warnings).Append(warnings == 1 ? " warning, " : " warnings, ")
            .Append(notes).Append(notes == 1 ? " note\n" : " notes\n");
        foreach (var f in report.Findings)
        {
            sb.Append("  ").Append(f.ToDiagnostic()).Append('\n');
            if (f.Help is not null)
            {
                sb.Append("    help: ").Append(f.Help).Append('\n');
            }
        }

        sb.Append("coverage:");
        var first = true;
        foreach (var (kind, c) in report.Coverage.Kinds)
        {
            if (c.Parsed + c.FellBack + c.Skipped + c.Screened == 0)
            {
                continue;
            }

            sb.Append(first ? " " : "; ").Append(kind).Append(' ').Append(c.Parsed).Append(" parsed");
            if (c.FellBack > 0)
            {
                sb.Append(", ").Append(c.FellBack).Append(" token-scanned");
            }

            if (c.Screened > 0)
            {
                sb.Append(", ").Append(c.Screened).Append(" screened (no privacy API reachable)");
            }

            if (c.Skipped > 0)
            {
                sb.Append(", ").Append(c.Skipped).Append(" skipped");
            }

            first = false;
        }

        if (first)
        {
            sb.Append(" no source files");
        }

        sb.Append('\n');
        return sb.ToString();
    }
}
