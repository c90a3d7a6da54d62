using BenchmarkDotNet.Attributes;
using NeedToKnow.Core.Gate;

namespace NeedToKnow.Benchmarks.Gate;

/// <summary>
/// The flat-time table (issue #4 "Measured"): decision time on the allow path and on the last deny path from 1,000
/// to 1,000,000 apps and from 10,000 to 10,000,000 cached consent records. Each operation decides 1,024 requests over
/// random users and apps, so at the large sizes most lookups miss the CPU caches. Setup (building the snapshot and
/// the cache) is not timed; it prints the measured managed bytes per cached consent record. Run with
/// <c>--filter '*GateScale*' --job short</c>; the 10,000,000-record cases need about 6 GB of memory.
/// </summary>
[MemoryDiagnoser]
public class GateScaleBenchmark
{
    private const int Batch = 1024;
    private PrivacyGate _gate = null!;
    private GateRequest[] _allow = null!;
    private GateRequest[] _deny = null!;

    /// <summary>The grid: the diagonal (apps x 10 = records) and the two off-diagonal corners.</summary>
    public static IEnumerable<GateScale> Scales() =>
    [
        new(1_000, 10_000),
        new(10_000, 100_000),
        new(100_000, 1_000_000),
        new(1_000_000, 10_000_000),
        new(1_000, 10_000_000),
        new(1_000_000, 10_000),
    ];

    [ParamsSource(nameof(Scales))]
    public GateScale Scale { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var world = GateWorld.Build(Scale.Apps, Scale.ConsentRecords);
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
}

/// <summary>One size of the flat-time table.</summary>
/// <param name="Apps">Live apps in the declaration snapshot.</param>
/// <param name="ConsentRecords">Cached consent records (user x app states), ten per user.</param>
public readonly record struct GateScale(int Apps, int ConsentRecords)
{
    public override string ToString() => $"{Short(Apps)} apps/{Short(ConsentRecords)} recs";

    private static string Short(int n) => n >= 1_000_000 ? n / 1_000_000 + "M" : n / 1_000 + "k";
}
