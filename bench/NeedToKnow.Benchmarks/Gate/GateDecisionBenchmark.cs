using BenchmarkDotNet.Attributes;
using NeedToKnow.Core.Gate;

namespace NeedToKnow.Benchmarks.Gate;

/// <summary>
/// One in-process gate decision with warm caches (issue #4 "Measured": allow path median ≤ 100 ns and 0 B allocated,
/// deny path the same order): 1,000 apps and 10,000 consent records, small enough to stay in the CPU caches. Each
/// operation decides a batch of 1,024 different requests (random users and their apps, fresh strings), reported per
/// decision: <c>Allow</c> and the deny cases call <c>Decide</c> once per request, the <c>Batched</c> cases pass the same
/// 1,024 requests to one <c>DecideBatch</c> call. The flat-time table as apps and records grow is <see cref="GateScaleBenchmark"/>.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class GateDecisionBenchmark
{
    private const int Batch = 1024;
    private PrivacyGate _gate = null!;
    private readonly GateDecision[] _decisions = new GateDecision[Batch];
    private GateRequest[] _allow = null!;
    private GateRequest[] _denyNotDeclared = null!;
    private GateRequest[] _denyScopeRefused = null!;

    [GlobalSetup]
    public void Setup()
    {
        var world = GateWorld.Build(1_000, 10_000);
        _gate = world.Gate;
        _allow = world.Requests("allow", Batch, 1);
        _denyNotDeclared = world.Requests("notDeclared", Batch, 2);
        _denyScopeRefused = world.Requests("scopeRefused", Batch, 3);
    }

    /// <summary>Allow: declared, consented separately, scope granted.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public int Allow() => GateWorld.Run(_gate, _allow);

    /// <summary>Deny 112 at check 3: the key is not in the live declaration.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int DenyNotDeclared() => GateWorld.Run(_gate, _denyNotDeclared);

    /// <summary>Deny 103 at check 5 (the last lookup): the user refused the scope.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int DenyScopeRefused() => GateWorld.Run(_gate, _denyScopeRefused);

    /// <summary>Allow, the same requests through <c>PrivacyGate.DecideBatch</c> (a prefetch pipeline: the memory of requests 2-12 places ahead is fetched while one is decided).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int AllowBatched() => GateWorld.RunBatch(_gate, _allow, _decisions);

    /// <summary>Deny 103, the same requests through <c>PrivacyGate.DecideBatch</c>.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int DenyScopeRefusedBatched() => GateWorld.RunBatch(_gate, _denyScopeRefused, _decisions);
}
