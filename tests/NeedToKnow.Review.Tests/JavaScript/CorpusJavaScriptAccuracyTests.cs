using System.Text;
using System.Text.Json;
using NeedToKnow.Review.JavaScript;
using NeedToKnow.Review.Sites;
using NeedToKnow.Testing;
using Xunit.Abstractions;

namespace NeedToKnow.Review.Tests.JavaScript;

/// <summary>
/// Runs the JavaScript analyzer over every .js/.ts/.wxs file of each corpus program and compares its sites with the
/// labels' sites in script files, on (file, line, column, api, key).
/// </summary>
public sealed class CorpusJavaScriptAccuracyTests(ITestOutputHelper output)
{
    private static readonly string[] ScriptExtensions = [".js", ".ts", ".wxs"];

    [Fact]
    public void Script_sites_match_the_corpus_labels()
    {
        var corpus = RepoPaths.SharedFile("corpus");
        var programs = Directory.GetDirectories(corpus).Where(d => File.Exists(Path.Combine(d, "labels.json"))).Order(StringComparer.Ordinal).ToList();
        Assert.True(programs.Count >= 10, $"expected at least 10 corpus programs, found {programs.Count}");

        var analyzer = new JavaScriptAnalyzer(JavaScriptApiTable.Default);
        var unscreened = new JavaScriptAnalyzer(JavaScriptApiTable.Default, screen: false);
        var screenMisses = new List<string>();
        long tp = 0, fp = 0, fn = 0, files = 0;
        var report = new StringBuilder();
        report.AppendLine("| program | files | labelled | found | tp | fp | fn | precision | recall |");
        report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var details = new StringBuilder();
        var keyMismatches = new List<string>();
        foreach (var program in programs)
        {
            var name = Path.GetFileName(program);
            var src = Path.Combine(program, "src");
            var expected = ReadLabelledScriptSites(Path.Combine(program, "labels.json"));
            var parties = ClassifierFor(src);
            var found = new HashSet<SiteId>();
            var paths = Directory.EnumerateFiles(src, "*", SearchOption.AllDirectories)
                .Where(p => ScriptExtensions.Contains(Path.GetExtension(p), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
            var programFiles = 0;
            foreach (var path in paths)
            {
                programFiles++;
                var relative = Path.GetRelativePath(src, path).Replace('\\', '/');
                var text = File.ReadAllText(path);
                var result = analyzer.Analyze(text, relative, parties.Classify(relative));
                if (result.Mode == JavaScriptParseMode.Screened && unscreened.Analyze(text, relative, "first").Sites.Count > 0)
                {
                    screenMisses.Add(relative); // the screen must never hide a site
                }

                if (result.Mode == JavaScriptParseMode.TokenScan && !relative.EndsWith(".ts", StringComparison.Ordinal))
                {
                    details.AppendLine($"  token scan {name}/{relative}: {result.Error}");
                }
                foreach (var site in result.Sites)
                {
                    found.Add(new SiteId(site.File, site.Line, site.Column, site.Api, site.Key));
                }
            }

            files += programFiles;
            var hit = found.Intersect(expected).Count();
            var extra = found.Except(expected).Order().ToList();
            var missed = expected.Except(found).Order().ToList();
            tp += hit;
            fp += extra.Count;
            fn += missed.Count;
            report.AppendLine($"| {name} | {programFiles} | {expected.Count} | {found.Count} | {hit} | {extra.Count} | {missed.Count} | {Ratio(hit, hit + extra.Count):F3} | {Ratio(hit, hit + missed.Count):F3} |");
            foreach (var site in extra)
            {
                details.AppendLine($"  FP {name}: {site}");
            }

            foreach (var site in missed)
            {
                details.AppendLine($"  FN {name}: {site}");
            }

            var wantKeys = expected.Select(s => s.Key).ToHashSet();
            var gotKeys = found.Select(s => s.Key).ToHashSet();
            if (!wantKeys.SetEquals(gotKeys))
            {
                keyMismatches.Add($"{name}: +[{string.Join(",", gotKeys.Except(wantKeys))}] -[{string.Join(",", wantKeys.Except(gotKeys))}]");
            }
        }

        var precision = Ratio(tp, tp + fp);
        var recall = Ratio(tp, tp + fn);
        report.AppendLine($"| **total** | {files} | {tp + fn} | {tp + fp} | {tp} | {fp} | {fn} | **{precision:F3}** | **{recall:F3}** |");
        output.WriteLine(report.ToString());
        output.WriteLine(details.ToString());
        output.WriteLine($"parsed as module {analyzer.Counters.ParsedAsModule}, as script {analyzer.Counters.ParsedAsScript}, token scan {analyzer.Counters.FellBack}, screened {analyzer.Counters.Screened}, skipped {analyzer.Counters.Skipped}");

        Assert.Equal(files, analyzer.Counters.Files);
        Assert.Empty(screenMisses);
        Assert.True(precision >= 0.97, $"JavaScript site precision {precision:F3} < 0.97\n{details}");
        Assert.True(recall >= 0.97, $"JavaScript site recall {recall:F3} < 0.97\n{details}");
        Assert.True(keyMismatches.Count == 0, "key sets differ: " + string.Join("; ", keyMismatches));
    }

    private static double Ratio(long a, long b) => b == 0 ? 1.0 : (double)a / b;

    private static HashSet<SiteId> ReadLabelledScriptSites(string labelsPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(labelsPath));
        var sites = new HashSet<SiteId>();
        foreach (var site in doc.RootElement.GetProperty("sites").EnumerateArray())
        {
            var file = site.GetProperty("file").GetString()!;
            if (!ScriptExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            sites.Add(new SiteId(file, site.GetProperty("line").GetInt32(), site.GetProperty("col").GetInt32(),
                site.GetProperty("api").GetString()!, site.GetProperty("key").GetString()!));
        }

        return sites;
    }

    // Folders below the app root with their own package.json are vendored packages (see PartyClassifier).
    private static PartyClassifier ClassifierFor(string src)
    {
        var roots = new List<KeyValuePair<string, string>>();
        foreach (var packageJson in Directory.EnumerateFiles(src, "package.json", SearchOption.AllDirectories))
        {
            var dir = Path.GetRelativePath(src, Path.GetDirectoryName(packageJson)!).Replace('\\', '/');
            if (dir != "." && PartyClassifier.TryReadPackageName(File.ReadAllText(packageJson), out var name))
            {
                roots.Add(new(dir, name));
            }
        }

        return new PartyClassifier(roots);
    }

    private sealed record SiteId(string File, int Line, int Column, string Api, string Key) : IComparable<SiteId>
    {
        public int CompareTo(SiteId? other) => string.CompareOrdinal(ToString(), other?.ToString());

        public override string ToString() => $"{File}:{Line}:{Column} {Api} {Key}";
    }
}
