using BenchmarkDotNet.Attributes;
using NeedToKnow.Core.Consent;
using NeedToKnow.Storage;

namespace NeedToKnow.Benchmarks.Gate;

/// <summary>
/// Durable consent writes (issue #4 "Measured"): per operation one <c>AppendAsync</c> (Batch = 1, a single write) or
/// one <c>AppendBatchAsync</c> of <see cref="Batch"/> grants (one transaction, group commit); the time is per
/// operation, so events per second = Batch / mean. SQLite: a file in the temp folder, WAL, <c>synchronous=FULL</c> (an fsync per
/// commit). PostgreSQL: the server of NTK_BENCH_POSTGRES (falls back to NTK_TEST_POSTGRES), <c>synchronous_commit=on</c>;
/// its figure is only durable when that server runs with <c>fsync=on</c> (the test cluster does not: see docs/storage.md).
/// </summary>
[MemoryDiagnoser]
public class ConsentWriteBenchmark
{
    private NeedToKnowStore _store = null!;
    private string? _folder;
    private string? _pgDatabase;
    private string? _pgAdmin;
    private ConsentEvent[][] _batches = [];
    private int _next;

    /// <summary>SQLite always; PostgreSQL when NTK_BENCH_POSTGRES or NTK_TEST_POSTGRES names a server.</summary>
    public static IEnumerable<string> Backends() =>
        Environment.GetEnvironmentVariable("NTK_BENCH_POSTGRES") is not null || Environment.GetEnvironmentVariable("NTK_TEST_POSTGRES") is not null
            ? ["sqlite", "postgres"]
            : ["sqlite"];

    [ParamsSource(nameof(Backends))]
    public string Backend { get; set; } = "sqlite";

    [Params(1, 100)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        StoreConnection connection;
        if (Backend == "sqlite")
        {
            _folder = Path.Combine(Path.GetTempPath(), "ntk-bench-" + Guid.NewGuid().ToString("n")[..8]);
            connection = StoreConnection.Sqlite(Path.Combine(_folder, "ntk.db"));
        }
        else
        {
            _pgAdmin = Environment.GetEnvironmentVariable("NTK_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("NTK_TEST_POSTGRES")
                ?? throw new InvalidOperationException("set NTK_BENCH_POSTGRES (or source scripts/setup/20-postgres.sh) to benchmark PostgreSQL");
            _pgDatabase = "ntk_bench_" + Guid.NewGuid().ToString("n")[..8];
            using (var conn = new Npgsql.NpgsqlConnection(_pgAdmin))
            {
                conn.Open();
                using var cmd = new Npgsql.NpgsqlCommand("CREATE DATABASE " + _pgDatabase, conn);
                cmd.ExecuteNonQuery();
            }

            connection = StoreConnection.Parse(new Npgsql.NpgsqlConnectionStringBuilder(_pgAdmin) { Database = _pgDatabase }.ConnectionString);
        }

        _store = NeedToKnowStore.OpenAsync(connection).GetAwaiter().GetResult();

        // Pre-built events so the benchmark measures the store, not event construction.
        _batches = new ConsentEvent[4096][];
        var purpose = PurposeHash.Of("to show stores near you");
        for (var b = 0; b < _batches.Length; b++)
        {
            _batches[b] = new ConsentEvent[Batch];
            for (var i = 0; i < Batch; i++)
            {
                _batches[b][i] = new ConsentEvent(Guid.NewGuid(), ConsentEventKind.DeclarationGranted, "user" + ((b * Batch) + i), "wxbench",
                    DateTimeOffset.UnixEpoch.AddSeconds(b), 1, [new ConsentItem("Location", purpose)], null, ConsentMethod.PrivacyPopup);
            }
        }
    }

    [Benchmark]
    public async Task<long> Append()
    {
        var template = _batches[_next++ % _batches.Length];
        var batch = new ConsentEvent[template.Length];
        for (var i = 0; i < batch.Length; i++)
        {
            // A fresh event id per append: appends are idempotent by id, a repeated id would not be a write.
            batch[i] = template[i] with { EventId = Guid.NewGuid() };
        }

        if (batch.Length == 1)
        {
            return await _store.Consents.AppendAsync(batch[0]).ConfigureAwait(false);
        }

        var seqs = await _store.Consents.AppendBatchAsync(batch).ConfigureAwait(false);
        return seqs[^1];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        if (_pgDatabase is not null)
        {
            using var conn = new Npgsql.NpgsqlConnection(_pgAdmin);
            conn.Open();
            using var cmd = new Npgsql.NpgsqlCommand("DROP DATABASE IF EXISTS " + _pgDatabase + " WITH (FORCE)", conn);
            cmd.ExecuteNonQuery();
        }
    }
}
