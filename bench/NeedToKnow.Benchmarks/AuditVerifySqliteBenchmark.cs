using BenchmarkDotNet.Attributes;
using NeedToKnow.Core.Audit;
using NeedToKnow.Core.Audit.Merkle;
using NeedToKnow.Core.Audit.Verification;
using NeedToKnow.Storage;

namespace NeedToKnow.Benchmarks;

/// <summary>
/// Whole-log verification exactly as <c>ntk audit verify --db</c> does it: rows streamed from a 500,000-entry SQLite
/// file (64 MiB page cache, index order), every row re-hashed and checked, folded and compared with the signed tree
/// head and the saved tree state. One operation = one row.
/// </summary>
[MemoryDiagnoser]
public class AuditVerifySqliteBenchmark
{
    private const int Rows = 500_000;
    private string _folder = "";
    private NeedToKnowStore? _store;
    private IReadOnlyList<SignedTreeHead> _heads = [];
    private CompactRange? _state;

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "ntk-bench-verify-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(_folder);
        _store = await NeedToKnowStore.OpenAsync(StoreConnection.Sqlite(Path.Combine(_folder, "audit.db")));
        using var signer = TreeHeadSigner.Generate();
        var time = DateTimeOffset.FromUnixTimeMilliseconds(1_764_400_000_000);
        await using (var log = await AuditLog.OpenAsync(_store.AuditLog, signer, new AuditLogOptions { MaxPendingEntries = Rows, PublishInterval = Timeout.InfiniteTimeSpan }))
        {
            var pending = new ValueTask<AuditAppendResult>[Rows];
            for (var i = 0; i < Rows; i++)
            {
                pending[i] = log.AppendAsync(new AuditEntry(AuditEntryKind.Interception, time.AddSeconds(i), "wx" + (i % 5000), "Location", "112", new string('c', 64), "Declaration", "3", "wx.getLocation"));
            }

            foreach (var p in pending)
            {
                await p;
            }
        }

        _heads = await _store.AuditLog.ReadTreeHeadsAsync(default);
        _state = await _store.AuditLog.LoadTreeStateAsync(default);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        Directory.Delete(_folder, true);
    }

    [Benchmark(Description = "verify a 500,000-entry SQLite log, streamed (per entry)", OperationsPerInvoke = Rows)]
    public async Task<bool> VerifyFromSqlite()
    {
        var report = await AuditLogVerifier.VerifyAsync(_store!.AuditLog.ReadAsync(0, long.MaxValue, default), _heads, null, _state);
        return report.Problems.Count == 0 && report.EntriesRead == Rows ? true : throw new InvalidOperationException("the log did not verify: " + string.Join("; ", report.Problems));
    }
}
