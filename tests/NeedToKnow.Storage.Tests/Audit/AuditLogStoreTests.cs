using System.Diagnostics;
using NeedToKnow.Core.Audit;
using NeedToKnow.Core.Audit.Merkle;
using NeedToKnow.Core.Audit.Verification;
using NeedToKnow.Storage.Tests.Support;

namespace NeedToKnow.Storage.Tests.Audit;

/// <summary>The audit log port's contract, declared once per backend (STYLE.md H22).</summary>
public abstract class AuditLogStoreContract : StoreTestBase
{
    private static AuditEntry Entry(int i) => new(AuditEntryKind.Prompt, DateTimeOffset.FromUnixTimeMilliseconds(1_764_400_000_000 + i), "wx" + (i % 3), "Album", "104", "", "granted");

    [SkippableFact]
    public async Task Appends_survive_a_reopen_and_the_log_verifies_against_its_heads()
    {
        using var signer = TreeHeadSigner.Generate();
        await using (var log = await AuditLog.OpenAsync(Store.AuditLog, signer, new AuditLogOptions { PublishInterval = Timeout.InfiniteTimeSpan, MaxBatchSize = 100 }))
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => log.AppendAsync(Entry(i)).AsTask()));
            Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), results.Select(r => r.Index).Order());
            await log.Publisher!.PublishAsync();
        }

        await ReopenAsync();
        await using (var log = await AuditLog.OpenAsync(Store.AuditLog, signer, new AuditLogOptions { PublishInterval = Timeout.InfiniteTimeSpan }))
        {
            Assert.Equal(1000, log.Integrator.Snapshot.Size);
            Assert.Equal(1000, (await log.AppendAsync(Entry(1000))).Index);
        }

        var heads = await Store.AuditLog.ReadTreeHeadsAsync(default);
        Assert.Equal([1000L, 1001], heads.Select(h => h.TreeSize));
        var report = await AuditLogVerifier.VerifyAsync(Store.AuditLog.ReadAsync(0, long.MaxValue, default), heads, signer.Verifier, await Store.AuditLog.LoadTreeStateAsync(default));
        Assert.True(report.IsValid, string.Join("; ", report.Problems));
        Assert.Equal(1001, report.EntriesRead);
        Assert.Equal(1001, await ScalarAsync<long>("SELECT COUNT(*) FROM audit_entries"));
    }

    [SkippableFact]
    public async Task Proofs_read_completed_tiles_back_from_the_store_after_a_reopen()
    {
        await using (var log = await AuditLog.OpenAsync(Store.AuditLog, null, new AuditLogOptions { PublishInterval = Timeout.InfiniteTimeSpan, MaxBatchSize = 100 }))
        {
            await Task.WhenAll(Enumerable.Range(0, 300).Select(i => log.AppendAsync(Entry(i)).AsTask()));
        }

        await ReopenAsync();
        var stored = new List<AuditLeaf>();
        await foreach (var leaf in Store.AuditLog.ReadAsync(0, long.MaxValue, default))
        {
            stored.Add(leaf);
        }

        var hashes = new byte[64 * 32];
        Store.AuditLog.ReadLeafHashes(64, 64, hashes);
        Assert.Equal(Convert.ToHexStringLower(stored[64].LeafHash), Convert.ToHexStringLower(hashes.AsSpan(0, 32)));
        Assert.Equal(Convert.ToHexStringLower(stored[127].LeafHash), Convert.ToHexStringLower(hashes.AsSpan(63 * 32, 32)));
        var missing = Assert.Throws<InvalidDataException>(() => Store.AuditLog.ReadLeafHashes(256, 64, hashes));
        Assert.Equal("the audit log has no entry 300: run `ntk audit verify`", missing.Message);

        await using (var log = await AuditLog.OpenAsync(Store.AuditLog, null, new AuditLogOptions { PublishInterval = Timeout.InfiniteTimeSpan }))
        {
            var root = log.Integrator.Snapshot.Root;
            foreach (var index in new[] { 0, 63, 64, 200, 255, 256, 299 })
            {
                var proof = log.Proofs.ProveInclusion(index, 300);
                Assert.Equal(Convert.ToHexStringLower(stored[index].LeafHash), Convert.ToHexStringLower(proof.LeafHash));
                Assert.True(MerkleVerifier.VerifyInclusion((ulong)index, 300, proof.LeafHash, proof.Hashes, root).IsValid, $"entry {index}");
            }

            var consistency = log.Proofs.ProveConsistency(100, 300);
            Assert.True(MerkleVerifier.VerifyConsistency(100, 300, consistency.Hashes, log.Proofs.Root(100), root).IsValid);
        }
    }

    [SkippableFact]
    public async Task A_batch_that_does_not_follow_the_stored_entries_is_refused_whole()
    {
        var entry = AuditEntryCodec.Encode(5, Entry(5));
        var range = new CompactRange();
        range.Append(MerkleHasher.HashLeaf(entry));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AuditLog.AppendAsync([new AuditLeaf(5, entry, MerkleHasher.HashLeaf(entry))], range, default).AsTask());
        Assert.Equal("the audit batch starts at index 5 with 1 entries but the log has 0", e.Message);
        Assert.Equal(0, await ScalarAsync<long>("SELECT COUNT(*) FROM audit_entries"));
    }

    [SkippableFact]
    public async Task Entries_cannot_be_updated_or_deleted_through_sql()
    {
        await using (var log = await AuditLog.OpenAsync(Store.AuditLog, null, new AuditLogOptions { PublishInterval = Timeout.InfiniteTimeSpan }))
        {
            await log.AppendAsync(Entry(0));
        }

        var e = await Assert.ThrowsAnyAsync<Exception>(() => ScalarAsync<long>("DELETE FROM audit_entries"));
        Assert.Contains("audit_entries is append-only", e.Message);
        Assert.Equal(1, await ScalarAsync<long>("SELECT COUNT(*) FROM audit_entries"));
    }
}

public sealed class SqliteAuditLogStoreTests : AuditLogStoreContract
{
    internal override StoreKind Kind => StoreKind.Sqlite;

    [Fact]
    public async Task Every_acknowledged_index_survives_a_kill_9_during_appends()
    {
        var folder = ((SqliteTestStore)Database).Folder;
        var db = Path.Combine(folder, "crash.db");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(AuditCrashChild).Assembly.Location);
        start.ArgumentList.Add("audit-crash-child");
        start.ArgumentList.Add(db);
        var acknowledged = new List<long>();
        using (var child = Process.Start(start)!)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Count < 3000 && DateTime.UtcNow < deadline)
            {
                var line = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
                if (line is null)
                {
                    Assert.Fail("the child stopped: " + await child.StandardError.ReadToEndAsync());
                }

                acknowledged.Add(long.Parse(line, System.Globalization.CultureInfo.InvariantCulture));
            }

            child.Kill(); // SIGKILL on Unix: no flush, no dispose
            await child.WaitForExitAsync();
        }

        Assert.True(acknowledged.Count >= 3000, $"only {acknowledged.Count} appends were acknowledged in time");
        var store = await NeedToKnowStore.OpenAsync(StoreConnection.Sqlite(db));
        await using (store)
        {
            using var signer = TreeHeadSigner.Generate();
            long size;
            await using (var log = await AuditLog.OpenAsync(store.AuditLog, signer, new AuditLogOptions { PublishInterval = Timeout.InfiniteTimeSpan }))
            {
                size = log.Integrator.Snapshot.Size;
                await log.Publisher!.PublishAsync();
            }

            Assert.True(size > acknowledged.Max(), $"acknowledged index {acknowledged.Max()} is not in the restarted log of size {size}");
            var stored = new HashSet<long>();
            await foreach (var row in store.AuditLog.ReadAsync(0, long.MaxValue, default))
            {
                stored.Add(row.Index);
            }

            Assert.All(acknowledged, i => Assert.Contains(i, stored));
            var report = await AuditLogVerifier.VerifyAsync(store.AuditLog.ReadAsync(0, long.MaxValue, default), await store.AuditLog.ReadTreeHeadsAsync(default), signer.Verifier, await store.AuditLog.LoadTreeStateAsync(default));
            Assert.True(report.IsValid, string.Join("; ", report.Problems));
        }
    }
}

public sealed class PostgresAuditLogStoreTests : AuditLogStoreContract
{
    internal override StoreKind Kind => StoreKind.Postgres;
}
