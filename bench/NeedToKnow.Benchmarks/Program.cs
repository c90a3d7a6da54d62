using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace NeedToKnow.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project bench/NeedToKnow.Benchmarks -- --filter '*Gate*'</c>.
/// <c>--quick</c> is a smoke mode (one short job) whose numbers are never quoted (STYLE.md H23).
/// MemoryDiagnoser is always on.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var quick = args.Contains("--quick");
        var rest = args.Where(a => a != "--quick").ToArray();
        var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
        if (quick)
        {
            config = config.AddJob(Job.ShortRun.WithWarmupCount(1).WithIterationCount(3).WithLaunchCount(1).WithId("quick"));
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
