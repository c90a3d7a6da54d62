using BenchmarkDotNet.Attributes;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Review;
using NeedToKnow.Review.Packages;

namespace NeedToKnow.Benchmarks;

/// <summary>
/// Reviews the whole corpus (../shared/corpus, 10 real mini-programs, 4,242 files, 9.0 MiB) in memory: parse every
/// file once, find the sites, apply the rules. <see cref="Threads"/> 1 is one core, -1 all cores; <see cref="Copies"/>
/// repeats the corpus 1, 2 and 4 times to show that time grows linearly with package size. MB/s = corpus bytes ×
/// copies / mean; files/s likewise (totals are printed at setup). Peak memory: see docs/review.md.
/// Run: <c>dotnet run -c Release --project bench/NeedToKnow.Benchmarks -- --filter '*ReviewBenchmark*'</c>.
/// </summary>
[MemoryDiagnoser]
public class ReviewBenchmark
{
    private MiniProgramPackage[] packages = [];

    /// <summary>Files analysed at once: 1 or all cores (-1).</summary>
    [Params(1, -1)]
    public int Threads { get; set; }

    /// <summary>How many times the corpus is reviewed in one operation.</summary>
    [Params(1, 2, 4)]
    public int Copies { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var corpus = FindCorpus();
        packages = [.. Directory.GetDirectories(corpus).Order(StringComparer.Ordinal).Select(d => PackageReader.Read(Path.Combine(d, "src")))];
        var bytes = packages.Sum(p => p.Files.Sum(f => f.Bytes));
        var files = packages.Sum(p => p.Files.Count);
        var js = packages.Sum(p => p.Files.Where(f => f.Kind is FileKind.JavaScript or FileKind.TypeScript).Sum(f => f.Bytes));
        Console.WriteLine($"// corpus: {packages.Length} packages, {files} source files, {bytes} bytes ({js} bytes of JavaScript/TypeScript)");
        _ = PrivacyCatalog.Default;
    }

    [Benchmark]
    public int ReviewCorpus()
    {
        var options = new ReviewOptions { MaxDegreeOfParallelism = Threads };
        var sites = 0;
        for (var copy = 0; copy < Copies; copy++)
        {
            foreach (var package in packages)
            {
                var report = PackageReviewer.Review(package, null, PrivacyCatalog.Default, options);
                sites += report.Detected.Sum(d => d.Sites.Count);
            }
        }

        return sites;
    }

    private static string FindCorpus()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NeedToKnow.slnx")))
        {
            dir = dir.Parent;
        }

        var root = dir?.FullName ?? Directory.GetCurrentDirectory();
        var corpus = Path.GetFullPath(Path.Combine(root, "..", "shared", "corpus"));
        return Directory.Exists(corpus) ? corpus : throw new DirectoryNotFoundException("../shared/corpus not found from " + root);
    }
}
