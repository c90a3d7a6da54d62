using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using NeedToKnow.Review.JavaScript;

namespace NeedToKnow.Benchmarks;

/// <summary>
/// The JavaScript analyzer over every .js, .ts and .wxs file of ../shared/corpus (about 7 MB of script), on one
/// thread: MB/s of script per core, with the screen on (what <c>ntk review</c> does) and off (every file parsed).
/// <c>dotnet run -c Release --project bench/NeedToKnow.Benchmarks -- --filter '*JavaScriptAnalysis*'</c>
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class JavaScriptAnalysisBenchmark
{
    private (string Text, string Path)[] _files = [];
    private JavaScriptAnalyzer _analyzer = null!;

    /// <summary>Total UTF-16 code units of the corpus scripts, for the MB/s column.</summary>
    public static long Characters { get; private set; }

    [Params(true, false)]
    public bool Screen { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var corpus = FindCorpus();
        _files = [.. Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories)
            .Where(p => p.Contains("/src/", StringComparison.Ordinal) && (p.EndsWith(".js", StringComparison.Ordinal) || p.EndsWith(".ts", StringComparison.Ordinal) || p.EndsWith(".wxs", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .Select(p => (File.ReadAllText(p), p))];
        Characters = _files.Sum(f => (long)f.Text.Length);
        _analyzer = new JavaScriptAnalyzer(JavaScriptApiTable.Default, screen: Screen);
    }

    [Benchmark]
    public int AnalyzeCorpus()
    {
        var sites = 0;
        foreach (var (text, path) in _files)
        {
            sites += _analyzer.Analyze(text, path, "first").Sites.Count;
        }

        return sites;
    }

    private static string FindCorpus()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "corpus");
            if (File.Exists(Path.Combine(dir.FullName, "NeedToKnow.slnx")) && Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new DirectoryNotFoundException("../shared/corpus not found above " + AppContext.BaseDirectory);
    }

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(new MegabytesPerSecondColumn());
    }

    // MB/s of script: corpus size (UTF-16 code units, ~bytes for this mostly-ASCII source) over the mean time.
    private sealed class MegabytesPerSecondColumn : IColumn
    {
        public string Id => "MBps";

        public string ColumnName => "MB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Megabytes (10^6 characters) of script analyzed per second, on one thread";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            var mean = report?.ResultStatistics?.Mean;
            if (mean is null or <= 0)
            {
                return "-";
            }

            var characters = Characters > 0 ? Characters : CountCorpus();
            return (characters / 1e6 / (mean.Value / 1e9)).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        // The column is computed in the host process, which may not have run the setup.
        private static long CountCorpus() =>
            Directory.EnumerateFiles(FindCorpus(), "*", SearchOption.AllDirectories)
                .Where(p => p.Contains("/src/", StringComparison.Ordinal) && (p.EndsWith(".js", StringComparison.Ordinal) || p.EndsWith(".ts", StringComparison.Ordinal) || p.EndsWith(".wxs", StringComparison.Ordinal)))
                .Sum(p => (long)File.ReadAllText(p).Length);
    }
}
