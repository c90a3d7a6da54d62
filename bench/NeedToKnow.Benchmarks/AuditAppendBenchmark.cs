using BenchmarkDotNet.Attributes;
using NeedToKnow.Core.Audit;
using NeedToKnow.Storage;

namespace NeedToKnow.Benchmarks;

/// <summary>
/// Durable appends through the sequencer (group commit: up to 16,384 entries per transaction) into SQLite (WAL,
/// synchronous=FULL: one fsync per commit) or PostgreSQL (synchronous_commit=on; set <c>NTK_BENCH_POSTGRES</c> to a
/// connection string). 65,536 appends are in flight at once; one operation = one acknowledged append.
/// </summary>
[MemoryDiagnoser]
public class AuditAppendBenchmark
{
    private const int Appends = 65_536;
    private NeedToKnowStore? _store;
    private AuditLog? _log;
    private string _folder = "";
    private AuditEntry[] _entries = [];
    private ValueTask<AuditAppendResult>[] _pending = new ValueTask<AuditAppendResult>[Appends];

    [Params("sqlite", "postgres")]
    public string Backend { get; set; } = "sqlite";

    [GlobalSetup]
    public async Task Setup()
    {
        StoreConnection connection;
        if (Backend == "postgres")
        {
            var cs = Environment.GetEnvironmentVariable("NTK_BENCH_POSTGRES");
            if (cs is null)
            {
                return;
            }

            connection = StoreConnection.Parse(cs);
        }
        else
        {
            _folder = Path.Combine(Path.GetTempPath(), "ntk-bench-" + Guid.NewGuid().ToString("n")[..8]);
            Directory.CreateDirectory(_folder);
            connection = StoreConnection.Sqlite(Path.Combine(_folder, "audit.db"));
        }

        _store = await NeedToKnowStore.OpenAsync(connection);
        _log = await AuditLog.OpenAsync(_store.AuditLog, null, new AuditLogOptions { MaxBatchSize = 16_384, MaxPendingEntries = Appends * 2, PublishInterval = Timeout.InfiniteTimeSpan });
        var time = DateTimeOffset.FromUnixTimeMilliseconds(1_764_400_000_000);
        _entries = [.. Enumerable.Range(0, Appends).Select(i => new AuditEntry(AuditEntryKind.Interception, time.AddMilliseconds(i), "wx" + (i % 5000), "Location", "112", new string('d', 64), "Declaration", "3", "wx.getLocation"))];
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        if (_log is not null)
        {
            await _log.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_folder.Length > 0)
        {
            Directory.Delete(_folder, true);
        }
    }

    [Benchmark(Description = "durable appends (per append)", OperationsPerInvoke = Appends)]
    public async Task<long> Append()
    {
        if (_log is null)
        {
            return 0;
        }

        var pending = _pending;
        for (var i = 0; i < Appends; i++)
        {
            pending[i] = _log.AppendAsync(_entries[i]);
        }

        var last = -1L;
        for (var i = 0; i < Appends; i++)
        {
            var result = await pending[i];
            if (!result.IsAppended)
            {
                throw new InvalidOperationException("pushback during the benchmark: raise MaxPendingEntries");
            }

            last = result.Index;
        }

        return last;
    }
}
