using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NeedToKnow.Review;

namespace NeedToKnow.Benchmarks;

/// <summary>
/// Time against package size, on one thread: a package made of <see cref="Scale"/> copies of the largest corpus
/// package (miniprogram-demo; copies 2..N under <c>copyN/</c>), read from disk and reviewed. Linear growth shows as
/// a flat <c>ms/MB</c> column. Run: <c>dotnet run -c Release --project bench/NeedToKnow.Benchmarks -- --filter '*ReviewScaling*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
public class ReviewScalingBenchmark
{
    private static readonly Dictionary<int, ReviewCorpus.Sizes> SizeByScale = [];
    private string folder = "";

    /// <summary>Copies of the package.</summary>
    [Params(1, 2, 4, 8)]
    public int Scale { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        folder = ReviewCorpus.Synthesize(ReviewCorpus.Largest, Scale);
        var sizes = ReviewCorpus.Measure([folder]);
        Console.WriteLine($"// scale {Scale}: {sizes.Files} source files, {sizes.Bytes} bytes, {sizes.JavaScriptBytes} bytes of script");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(folder, true);

    [Benchmark]
    public int ReviewSynthetic() => ReviewCorpus.Review(folder, new ReviewOptions { MaxDegreeOfParallelism = 1 });

    // Sizes for the columns, measured in the host process on a package synthesised there.
    private static ReviewCorpus.Sizes SizeOf(int scale)
    {
        lock (SizeByScale)
        {
            if (!SizeByScale.TryGetValue(scale, out var sizes))
            {
                var one = ReviewCorpus.Measure([ReviewCorpus.Largest]);
                SizeByScale[scale] = sizes = new ReviewCorpus.Sizes(one.Files * scale, one.Bytes * scale, one.JavaScriptBytes * scale);
            }

            return sizes;
        }
    }

    private sealed class Columns : ManualConfig
    {
        public Columns()
        {
            AddColumn(new ReviewColumn("MB", "Megabytes (10^6 bytes) of source in the package", (c, _) => Size(c).Bytes / 1e6));
            AddColumn(new ReviewColumn("ms/MB", "Milliseconds per megabyte of source: flat when time grows linearly with size", (c, s) => s * 1000 / (Size(c).Bytes / 1e6)));
            AddColumn(new ReviewColumn("JS MB/s", "Megabytes of script (.js .ts .wxs) reviewed per second on one core", (c, s) => Size(c).JavaScriptBytes / 1e6 / s));
        }

        private static ReviewCorpus.Sizes Size(BenchmarkDotNet.Running.BenchmarkCase c) => SizeOf(ReviewColumn.Param(c, nameof(Scale)));
    }
}
