using BenchmarkDotNet.Attributes;
using NeedToKnow.Core.Gate;

namespace NeedToKnow.Benchmarks.Gate;

/// <summary>
/// The flat-time table (issue #4 "Measured"): decision time on the allow path and on the last deny path from 1,000
/// to 1,000,000 apps and from 10,000 to 10,000,000 cached consent records. Each operation decides 1,024 requests over
/// random users and apps, so at the large sizes most lookups miss the CPU caches: <c>Allow</c> / <c>DenyScopeRefused</c>
/// call <c>Decide</c> once per request, the <c>Batched</c> cases pass the same 1,024 requests to <c>DecideBatch</c>.
/// Setup (building the snapshot and bulk-loading the cache, not timed) prints the measured managed bytes per cached
/// consent record. Run with <c>--filter '*GateScale*' --inProcess</c> and a short job; the 10,000,000-record case needs
/// about 5 GB of memory and about two minutes of setup.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[GcForce(false)] // no full GC between iterations: the heap is 4.5 GB at 10M records and the measured paths allocate nothing
public class GateScaleBenchmark
{
    private const int Batch = 1024;
    private PrivacyGate _gate = null!;
    private readonly GateDecision[] _decisions = new GateDecision[Batch];
    private GateRequest[] _allow = null!;
    private GateRequest[] _deny = null!;

    /// <summary>
    /// The grid: the diagonal (records = 10 x apps) and the corner with the most apps and the fewest records. (The other
    /// corner, 1k apps / 10M records, costs another 10M-record setup and is left out to keep the run short.)
    /// </summary>
    public static IEnumerable<GateScale> Scales() =>
    [
        new(1_000, 10_000),
        new(10_000, 100_000),
        new(100_000, 1_000_000),
        new(1_000_000, 10_000_000),
        new(1_000_000, 10_000),
    ];

    [ParamsSource(nameof(Scales))]
    public GateScale Scale { get; set; }

    // In process (--inProcess) the cases of one scale run one after the other: they share the world instead of
    // building 10 million records twice.
    private static (GateScale Scale, GateWorld World)? s_last;

    [GlobalSetup]
    public void Setup()
    {
        if (s_last is not { } last || last.Scale != Scale)
        {
            s_last = null;
            s_last = (Scale, GateWorld.Build(Scale.Apps, Scale.ConsentRecords));
        }

        var world = s_last.Value.World;
        _gate = world.Gate;
        _allow = world.Requests("allow", Batch, 1);
        _deny = world.Requests("scopeRefused", Batch, 3);
        Console.WriteLine($"// consent cache: {Scale.ConsentRecords} records, {world.BytesPerRecord:F1} B per record (GC.GetTotalMemory delta / count)");
    }

    /// <summary>Allow: declared, consented separately, scope granted.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int Allow() => GateWorld.Run(_gate, _allow);

    /// <summary>Deny 103 at check 5 (every lookup done).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int DenyScopeRefused() => GateWorld.Run(_gate, _deny);

    /// <summary>Allow, the same requests through <c>PrivacyGate.DecideBatch</c> (a prefetch pipeline: the memory of requests 2-12 places ahead is fetched while one is decided).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int AllowBatched() => GateWorld.RunBatch(_gate, _allow, _decisions);

    /// <summary>Deny 103, the same requests through <c>PrivacyGate.DecideBatch</c>.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int DenyScopeRefusedBatched() => GateWorld.RunBatch(_gate, _deny, _decisions);
}

/// <summary>One size of the flat-time table.</summary>
/// <param name="Apps">Live apps in the declaration snapshot.</param>
/// <param name="ConsentRecords">Cached consent records (user x app states), ten per user.</param>
public readonly record struct GateScale(int Apps, int ConsentRecords)
{
    public override string ToString() => $"{Short(Apps)} apps/{Short(ConsentRecords)} recs";

    private static string Short(int n) => n >= 1_000_000 ? n / 1_000_000 + "M" : n / 1_000 + "k";
}
