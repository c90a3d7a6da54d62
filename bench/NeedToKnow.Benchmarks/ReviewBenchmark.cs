using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NeedToKnow.Review;

namespace NeedToKnow.Benchmarks;

/// <summary>
/// <c>ntk review</c> over the whole corpus (../shared/corpus, 10 real mini-programs): read each package from disk
/// (page cache warm), validate its declaration, analyse every file once, apply the rules. <see cref="Threads"/> 1 is
/// one core; -1 is all cores (files of a package analysed in parallel). Columns: MB/s of all source, MB/s of script
/// (.js .ts .wxs: the "MB/s of JavaScript"), files/s. Size growth: <see cref="ReviewScalingBenchmark"/>;
/// peak memory: <c>--review-peak</c> (<see cref="ReviewPeakMemory"/>).
/// Run: <c>dotnet run -c Release --project bench/NeedToKnow.Benchmarks -- --filter '*ReviewBenchmark*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
public class ReviewBenchmark
{
    private ReviewOptions options = ReviewOptions.Default;

    /// <summary>Files analysed at once: 1 or all cores (-1).</summary>
    [Params(1, -1)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        options = new ReviewOptions { MaxDegreeOfParallelism = Threads };
        var sizes = ReviewCorpus.Corpus;
        Console.WriteLine($"// corpus: {ReviewCorpus.Packages.Count} packages, {sizes.Files} source files, {sizes.Bytes} bytes, {sizes.JavaScriptBytes} bytes of script");
    }

    [Benchmark]
    public int ReviewCorpusFromDisk()
    {
        var sites = 0;
        foreach (var folder in ReviewCorpus.Packages)
        {
            sites += ReviewCorpus.Review(folder, options);
        }

        return sites;
    }

    private sealed class Columns : ManualConfig
    {
        public Columns()
        {
            AddColumn(new ReviewColumn("MB/s", "Megabytes (10^6 bytes) of source (.js .ts .wxs .wxml .json) reviewed per second", (_, s) => ReviewCorpus.Corpus.Bytes / 1e6 / s));
            AddColumn(new ReviewColumn("JS MB/s", "Megabytes of script (.js .ts .wxs) reviewed per second", (_, s) => ReviewCorpus.Corpus.JavaScriptBytes / 1e6 / s));
            AddColumn(new ReviewColumn("files/s", "Source files reviewed per second", (_, s) => ReviewCorpus.Corpus.Files / s));
        }
    }
}
