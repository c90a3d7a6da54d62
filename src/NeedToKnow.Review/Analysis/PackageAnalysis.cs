using System.Text.Json;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Review.Json;
using NeedToKnow.Review.Packages;
using NeedToKnow.Review.Reports;
using NeedToKnow.Review.Rules;
using NeedToKnow.Review.Sites;
using NeedToKnow.Review.Wxml;

namespace NeedToKnow.Review.Analysis;

/// <summary>The facts one pass over a package gathers: sites, web-views, app.json, launch handlers and coverage.</summary>
internal sealed class PackageAnalysis
{
    private readonly Dictionary<FileKind, int[]> coverage = [];

    private PackageAnalysis(MiniProgramPackage package)
    {
        Package = package;
    }

    public MiniProgramPackage Package { get; }

    public List<PrivacySite> Sites { get; } = [];

    public List<WebViewUse> WebViews { get; } = [];

    public List<ReviewFinding> Findings { get; } = [];

    public AppConfig? App { get; private set; }

    public int InlineScripts { get; private set; }

    /// <summary>Launch handler ranges (UTF-16 offsets) by file.</summary>
    public Dictionary<string, List<(int Start, int End)>> LaunchRanges { get; } = new(StringComparer.Ordinal);

    public static PackageAnalysis Run(MiniProgramPackage package, PrivacyCatalog catalog, ReviewOptions options, IEnumerable<string>? declaredSdks = null)
    {
        var analysis = new PackageAnalysis(package);
        var limits = options.Limits;
        var party = BuildPartyClassifier(package, declaredSdks);
        var scripts = new ScriptAnalyzer(catalog, limits);
        var wxml = new WxmlAnalyzer(catalog);
        var files = package.Files;
        var results = new FileResult[files.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        Parallel.For(0, files.Count, parallel, i => results[i] = AnalyzeFile(files[i], party, scripts, wxml, limits));
        foreach (var kind in Enum.GetValues<FileKind>())
        {
            analysis.coverage[kind] = [0, 0, package.Skipped.TryGetValue(kind, out var skipped) ? skipped : 0, 0];
        }

        foreach (var result in results)
        {
            analysis.Sites.AddRange(result.Sites);
            analysis.WebViews.AddRange(result.WebViews);
            analysis.Findings.AddRange(result.Findings);
            analysis.InlineScripts += result.InlineScripts;
            analysis.coverage[result.Kind][(int)result.Mode]++;
        }

        analysis.Sites.Sort(PackageReviewer.CompareSites);
        analysis.ReadApp(limits);
        analysis.FindLaunchRanges();
        return analysis;
    }

    public ReviewCoverage Coverage()
    {
        var kinds = new SortedDictionary<string, KindCoverage>(StringComparer.Ordinal);
        foreach (var (kind, counts) in coverage)
        {
            kinds[KindName(kind)] = new KindCoverage(counts[0], counts[1], counts[2], counts[3]);
        }

        return new ReviewCoverage(kinds, InlineScripts);
    }

    internal static string KindName(FileKind kind) => kind switch
    {
        FileKind.JavaScript => "javascript",
        FileKind.TypeScript => "typescript",
        FileKind.Wxml => "wxml",
        FileKind.Wxs => "wxs",
        _ => "json",
    };

    private static PartyClassifier BuildPartyClassifier(MiniProgramPackage package, IEnumerable<string>? declaredSdks)
    {
        var roots = new List<KeyValuePair<string, string>>();
        foreach (var file in package.Files)
        {
            if (file.Path.EndsWith("/package.json", StringComparison.Ordinal) && PartyClassifier.TryReadPackageName(file.Text, out var name))
            {
                roots.Add(new(file.Path[..file.Path.LastIndexOf('/')], name));
            }
        }

        return new PartyClassifier(roots, declaredSdks);
    }

    private static FileResult AnalyzeFile(PackageFile file, PartyClassifier classifier, ScriptAnalyzer scripts, WxmlAnalyzer wxml, ReviewLimits limits)
    {
        var party = classifier.Classify(file.Path);
        var result = new FileResult(file.Kind);
        switch (file.Kind)
        {
            case FileKind.JavaScript:
            case FileKind.TypeScript:
            case FileKind.Wxs:
                var outcome = scripts.Analyze(file.Text, file.Path, party, 1, 1);
                result.Add(outcome, file.Path);
                result.Mode = outcome.Mode;
                break;
            case FileKind.Wxml:
                var found = wxml.Analyze(file.Text, file.Path, party);
                result.Sites.AddRange(found.Sites);
                result.WebViews.AddRange(found.WebViews);
                foreach (var script in found.Document.Scripts)
                {
                    var (line, column) = found.Document.Lines.Position(script.Offset);
                    result.Add(scripts.Analyze(script.Code, file.Path, party, line, column), file.Path);
                    result.InlineScripts++;
                }

                break;
            case FileKind.Json:
                var depth = JsonNesting.Depth(file.Text);
                if (depth > limits.MaxNestingDepth)
                {
                    result.Findings.Add(PackageReviewer.Finding(
                        "NTK-PKG-018",
                        null,
                        "`" + file.Path + "` is nested " + depth + " levels deep, over the limit `maxNestingDepth` = " + limits.MaxNestingDepth + "; the file was not reviewed",
                        file.Path));
                    result.Mode = ScriptMode.Skipped;
                    break;
                }

                try
                {
                    using var doc = JsonDocument.Parse(file.Text, AppConfig.Options(limits.MaxNestingDepth + 1));
                }
                catch (JsonException e)
                {
                    result.Findings.Add(PackageReviewer.Finding(
                        "NTK-PKG-019",
                        null,
                        "`" + file.Path + "` is not valid JSON: " + JsonMessage(e),
                        file.Path,
                        (int)(e.LineNumber ?? 0) + 1,
                        (int)(e.BytePositionInLine ?? 0) + 1));
                    result.Mode = ScriptMode.FellBack;
                }

                break;
        }

        return result;
    }

    private static string JsonMessage(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        message = message.Trim().TrimEnd('.');
        return message.Length == 0 ? "syntax error" : char.ToLowerInvariant(message[0]) + message[1..];
    }

    private void ReadApp(ReviewLimits limits)
    {
        var file = Package.File("app.json");
        if (file is null || JsonNesting.Depth(file.Text) > limits.MaxNestingDepth)
        {
            return;
        }

        try
        {
            App = AppConfig.Parse(file.Text, limits.MaxNestingDepth + 1);
        }
        catch (JsonException)
        {
            // Reported as NTK-PKG-019 by the file pass.
        }
    }

    private void FindLaunchRanges()
    {
        AddLaunch("app.js", "App", "onLaunch");
        if (App?.EntryPage is { } entry)
        {
            AddLaunch(entry.TrimStart('/') + ".js", "Page", "onLoad");
        }
    }

    private void AddLaunch(string path, string constructor, string handler)
    {
        if (Package.File(path) is { Kind: FileKind.JavaScript } file)
        {
            var ranges = Launch.LaunchScanner.Ranges(file.Text, constructor, handler);
            if (ranges.Count > 0)
            {
                LaunchRanges[path] = ranges;
            }
        }
    }

    private sealed class FileResult(FileKind kind)
    {
        public FileKind Kind { get; } = kind;

        public ScriptMode Mode { get; set; } = ScriptMode.Parsed;

        public List<PrivacySite> Sites { get; } = [];

        public List<WebViewUse> WebViews { get; } = [];

        public List<ReviewFinding> Findings { get; } = [];

        public int InlineScripts { get; set; }

        public void Add(ScriptOutcome outcome, string path)
        {
            Sites.AddRange(outcome.Sites);
            if (outcome.Mode == ScriptMode.FellBack)
            {
                Findings.Add(PackageReviewer.Finding(
                    "NTK-PKG-020",
                    null,
                    "`" + path + "` did not parse (" + (outcome.Problem ?? "syntax error") + "); privacy APIs were found by a token scan",
                    path,
                    outcome.ProblemLine,
                    outcome.ProblemColumn));
            }
            else if (outcome.Mode == ScriptMode.Skipped && outcome.Problem is not null)
            {
                Findings.Add(PackageReviewer.Finding("NTK-PKG-018", null, "`" + path + "`: " + outcome.Problem, path, outcome.ProblemLine, outcome.ProblemColumn));
            }
        }
    }
}
