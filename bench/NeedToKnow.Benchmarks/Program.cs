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
/// working set in a fresh process (<see cref="ReviewPeakMemory"/>). <c>--inProcessTimeout MINUTES</c> runs in process
/// like <c>--inProcess</c> but allows each benchmark MINUTES instead of BenchmarkDotNet's 5 (the gate's 10M-record
/// world takes minutes to build). <c>--make-audit-log FILE N</c> writes a SQLite audit
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
        var at = Array.IndexOf(rest, "--inProcessTimeout");
        if (at >= 0)
        {
            if (at + 1 >= rest.Length || !int.TryParse(rest[at + 1], System.Globalization.CultureInfo.InvariantCulture, out var minutes) || minutes < 1)
            {
                Console.Error.WriteLine("--inProcessTimeout needs a whole number of minutes (1 or more), e.g. --inProcessTimeout 15");
                return 2;
            }

            rest = [.. rest[..at], .. rest[(at + 2)..]];
            config = config.AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(minutes), true)).AsDefault());
        }
        if (quick)
        {
            config = config.AddJob(Job.Dry.WithWarmupCount(1).WithIterationCount(3)
                .WithToolchain(InProcessEmitToolchain.Instance).WithId("quick"));
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
