using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace NeedToKnow.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project bench/NeedToKnow.Benchmarks -- --filter '*Gate*'</c>.
/// <c>--quick</c> is a smoke run (in process, one warm-up, three iterations) whose numbers are never quoted
/// (STYLE.md H23). MemoryDiagnoser is always on. <c>--review-peak [--scale N] [PATH]</c> measures the review's peak
/// working set in a fresh process (<see cref="ReviewPeakMemory"/>). <c>--make-audit-log FILE N</c> writes a SQLite audit
/// log of N entries for timing <c>ntk audit verify</c> (<see cref="AuditLogFile"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--make-audit-log")
        {
            return AuditLogFile.RunAsync(args[1..]).GetAwaiter().GetResult();
        }

        if (args.Contains("--review-peak"))
        {
            return ReviewPeakMemory.Run([.. args.Where(a => a != "--review-peak")]);
        }

        var quick = args.Contains("--quick");
        var rest = args.Where(a => a != "--quick").ToArray();
        var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
        if (quick)
        {
            config = config.AddJob(Job.Dry.WithWarmupCount(1).WithIterationCount(3)
                .WithToolchain(InProcessEmitToolchain.Instance).WithId("quick"));
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
