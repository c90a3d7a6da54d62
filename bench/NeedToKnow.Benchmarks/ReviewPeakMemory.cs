using System.Diagnostics;
using System.Globalization;
using NeedToKnow.Review;

namespace NeedToKnow.Benchmarks;

/// <summary>
/// <c>--review-peak [--scale N] [PATH]</c>: reviews one package once in this fresh process, the way <c>ntk review</c>
/// does (all cores), and prints the process's peak working set (Linux VmHWM, <see cref="Process.PeakWorkingSet64"/>:
/// runtime, JIT and catalog included) and the bytes allocated. PATH defaults to the largest corpus package; --scale N
/// reviews N copies of it (<see cref="ReviewCorpus.Synthesize"/>). Target: peak under 300 MB for the largest package.
/// </summary>
internal static class ReviewPeakMemory
{
    public static int Run(string[] args)
    {
        var scale = 1;
        string? path = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--scale" && i + 1 < args.Length)
            {
                scale = int.Parse(args[++i], CultureInfo.InvariantCulture);
            }
            else if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                path = args[i];
            }
        }

        var source = path ?? ReviewCorpus.Largest;
        var folder = scale == 1 ? source : ReviewCorpus.Synthesize(source, scale);
        try
        {
            var before = Process.GetCurrentProcess().PeakWorkingSet64;
            var stopwatch = Stopwatch.StartNew();
            var sites = ReviewCorpus.Review(folder, ReviewOptions.Default);
            stopwatch.Stop();
            using var process = Process.GetCurrentProcess();
            var peak = process.PeakWorkingSet64;
            var allocated = GC.GetTotalAllocatedBytes();
            var heap = GC.GetGCMemoryInfo().HeapSizeBytes;
            var sizes = ReviewCorpus.Measure([folder]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"review-peak: {source} x{scale}: {sizes.Files} source files, {sizes.Bytes / 1e6:F2} MB ({sizes.JavaScriptBytes / 1e6:F2} MB script), {sites} sites, {stopwatch.Elapsed.TotalSeconds:F2} s (first run, JIT included); "
                + $"peak working set {peak / 1e6:F1} MB (before the review {before / 1e6:F1} MB), allocated {allocated / 1e6:F1} MB, GC heap at the last collection {heap / 1e6:F1} MB"));
            return peak < 300_000_000 ? 0 : 1;
        }
        finally
        {
            if (scale != 1)
            {
                Directory.Delete(folder, true);
            }
        }
    }
}
