using BenchmarkDotNet.Attributes;
using NeedToKnow.Core.Audit;
using NeedToKnow.Storage;

namespace NeedToKnow.Benchmarks;

/// <summary>
/// Inclusion proofs as the server builds them now: the audit log reopened over a 1,000,000-entry SQLite file keeps only
/// the tree's upper levels in memory, so a proof for a random entry reads its 64-leaf tile back from the store (the
/// 64-tile cache almost never holds it) and re-hashes it. Also states the managed memory the reopened tree holds per
/// entry (printed at setup: GC.GetTotalMemory before and after the reopen).
/// </summary>
[MemoryDiagnoser]
public class AuditStoredProofBenchmark
{
    private const int Rows = 1_000_000;
    private string _folder = "";
    private NeedToKnowStore? _store;
    private AuditLog? _log;
    private long[] _indexes = [];
    private int _next;

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "ntk-bench-proof-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "audit.db");
        await using (var store = await NeedToKnowStore.OpenAsync(StoreConnection.Sqlite(file)))
        await using (var log = await AuditLog.OpenAsync(store.AuditLog, null, new AuditLogOptions { MaxPendingEntries = 65_536, PublishInterval = Timeout.InfiniteTimeSpan }))
        {
            await AuditLogFile.AppendInterceptionsAsync(log, Rows);
        }

        _store = await NeedToKnowStore.OpenAsync(StoreConnection.Sqlite(file));
        var before = GC.GetTotalMemory(true);
        _log = await AuditLog.OpenAsync(_store.AuditLog, null, new AuditLogOptions { PublishInterval = Timeout.InfiniteTimeSpan });
        var after = GC.GetTotalMemory(true);
        Console.WriteLine($"// reopened tree over {Rows:N0} entries holds {(after - before) / (double)Rows:F2} B per entry ({after - before:N0} B)");
        var random = new Random(42);
        _indexes = [.. Enumerable.Range(0, 1024).Select(_ => random.NextInt64(Rows))];
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _log!.DisposeAsync();
        await _store!.DisposeAsync();
        Directory.Delete(_folder, true);
    }

    [Benchmark(Description = "inclusion proof at 1M entries, tile read back from SQLite")]
    public InclusionProof Prove() => _log!.Proofs.ProveInclusion(_indexes[_next++ & 1023], Rows);
}
