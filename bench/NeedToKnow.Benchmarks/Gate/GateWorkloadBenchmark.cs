using BenchmarkDotNet.Attributes;
using NeedToKnow.Cli.Bench;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Gate;

namespace NeedToKnow.Benchmarks.Gate;

/// <summary>
/// The shared gate workload of ../shared/peers/gate decided through the real gate: the file named by
/// <c>NTK_GATE_WORKLOAD</c> (made by <c>node workload.mjs ...</c>). Setup checks that the allow/deny counts equal the
/// workload's expected ones. The Cedar peer's figure and the ratio come from <c>ntk bench gate --cedar DIR</c>,
/// which runs both on the same file in the same run.
/// </summary>
[MemoryDiagnoser]
public class GateWorkloadBenchmark
{
    private PrivacyGate _gate = null!;
    private GateRequest[] _requests = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable("NTK_GATE_WORKLOAD")
            ?? throw new InvalidOperationException("set NTK_GATE_WORKLOAD to a workload file made by ../shared/peers/gate/workload.mjs");
        using var stream = File.OpenRead(path);
        var workload = GateWorkload.Load(stream);
        var rules = GateRules.FromCatalog(PrivacyCatalog.Default);
        _gate = new PrivacyGate(workload.BuildSnapshot(rules), workload.BuildCache(rules).Cache);
        _requests = workload.Requests();
        var counts = GateWorkload.DecideAll(_gate, _requests, 1);
        var expected = workload.File.Expected!;
        if (counts.Allow != expected.Allow || counts.Prompt + counts.Deny != expected.Deny)
        {
            throw new InvalidOperationException($"counts differ from the workload: allow {counts.Allow} vs {expected.Allow}");
        }
    }

    [Benchmark]
    public int DecideWorkload()
    {
        var sum = 0;
        var gate = _gate;
        foreach (ref readonly var r in _requests.AsSpan())
        {
            sum += (int)gate.Decide(in r).Kind;
        }

        return sum;
    }
}
