using NeedToKnow.Core.Audit;
using NeedToKnow.Core.Audit.Merkle;
using NeedToKnow.Core.Audit.Verification;

namespace NeedToKnow.Core.Tests.Audit;

public class AuditLogTests
{
    internal static AuditEntry Entry(int i, AuditEntryKind kind = AuditEntryKind.Interception) =>
        new(kind, DateTimeOffset.FromUnixTimeMilliseconds(1_764_400_000_000 + (i * 60_000L)), "wx" + (i % 7), "Location", "112", AuditEntryCodecTests.User, "", "1.0.0", "wx.getLocation");

    private static readonly AuditLogOptions Manual = new() { PublishInterval = Timeout.InfiniteTimeSpan };

    [Fact]
    public async Task Concurrent_appends_get_consecutive_durable_indexes_and_the_root_matches_the_reference()
    {
        var store = new MemoryAuditLogStore();
        using var signer = TreeHeadSigner.Generate();
        await using (var log = await AuditLog.OpenAsync(store, signer, Manual with { MaxBatchSize = 64 }))
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => log.AppendAsync(Entry(i)).AsTask()));
            Assert.All(results, r => Assert.True(r.IsAppended));
            Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), results.Select(r => r.Index).Order());
            Assert.Equal(1000, log.Integrator.Snapshot.Size);
            var head = await log.Publisher!.PublishAsync();
            Assert.Equal(1000, head.TreeSize);
            var reference = ReferenceMerkle.Mth([.. store.Rows.OrderBy(r => r.Index).Select(r => r.Entry)]);
            Assert.Equal(reference, head.RootHash);
            var proof = log.Proofs.ProveInclusion(123, 1000);
            var entry = store.Rows.Single(r => r.Index == 123).Entry;
            Assert.True(AuditProofVerifier.VerifyInclusion(entry, proof, head, signer.Verifier).IsValid);
        }

        Assert.True(store.Rows.Count(r => r.Index == 5) == 1);
    }

    [Fact]
    public async Task The_tree_state_survives_a_reopen_and_appends_continue()
    {
        var store = new MemoryAuditLogStore();
        using var signer = TreeHeadSigner.Generate();
        SignedTreeHead first;
        await using (var log = await AuditLog.OpenAsync(store, signer, Manual))
        {
            for (var i = 0; i < 37; i++)
            {
                await log.AppendAsync(Entry(i));
            }

            first = await log.Publisher!.PublishAsync();
        }

        await using (var log = await AuditLog.OpenAsync(store, signer, Manual))
        {
            Assert.Equal(37, log.Integrator.Snapshot.Size);
            Assert.Equal(first.RootHash, log.Integrator.Snapshot.Root);
            var r = await log.AppendAsync(Entry(37));
            Assert.Equal(37, r.Index);
            var second = await log.Publisher!.PublishAsync();
            var proof = log.Proofs.ProveConsistency(37, 38);
            Assert.True(AuditProofVerifier.VerifyConsistency(proof, first, second, signer.Verifier).IsValid);
        }

        var report = await AuditLogVerifier.VerifyAsync(store.ReadAsync(0, long.MaxValue, default), await store.ReadTreeHeadsAsync(default), signer.Verifier, await store.LoadTreeStateAsync(default));
        Assert.True(report.IsValid, string.Join("; ", report.Problems));
        Assert.Equal(38, report.EntriesRead);
        Assert.Equal(2, report.CheckedHeads);
    }

    [Fact]
    public async Task A_full_queue_gives_a_typed_pushback()
    {
        var store = new BlockingStore();
        await using var log = await AuditLog.OpenAsync(store, null, Manual with { MaxPendingEntries = 4, MaxBatchSize = 1, PushbackRetryAfter = TimeSpan.FromSeconds(3) });
        var first = log.AppendAsync(Entry(0)).AsTask();
        await store.Entered.Task;
        var queued = Enumerable.Range(1, 4).Select(i => log.AppendAsync(Entry(i)).AsTask()).ToList();
        var pushed = await log.AppendAsync(Entry(9));
        Assert.Equal(AuditAppendStatus.Pushback, pushed.Status);
        Assert.Equal(TimeSpan.FromSeconds(3), pushed.RetryAfter);
        Assert.Equal(-1, pushed.Index);
        store.Release.SetResult();
        Assert.Equal(0, (await first).Index);
        Assert.Equal([1L, 2, 3, 4], (await Task.WhenAll(queued)).Select(r => r.Index));
    }

    [Fact]
    public async Task A_failed_commit_fails_the_appends_and_stops_the_log()
    {
        var store = new FailingStore();
        await using var log = await AuditLog.OpenAsync(store, null, Manual);
        var e = await Assert.ThrowsAsync<AuditLogUnavailableException>(() => log.AppendAsync(Entry(0)).AsTask());
        Assert.Contains("disk full", e.Message);
        Assert.True(e.Stopped);
        await Assert.ThrowsAsync<AuditLogUnavailableException>(() => log.AppendAsync(Entry(1)).AsTask());
        Assert.Equal(0, log.Integrator.Snapshot.Size);
    }

    [Fact]
    public async Task An_unavailable_store_fails_only_its_batch_and_later_appends_take_its_indexes()
    {
        var store = new FlakyStore();
        await using var log = await AuditLog.OpenAsync(store, null, Manual);
        Assert.Equal(0, (await log.AppendAsync(Entry(0))).Index);
        store.FailNext = true;
        var e = await Assert.ThrowsAsync<AuditLogUnavailableException>(() => log.AppendAsync(Entry(1)).AsTask());
        Assert.False(e.Stopped);
        Assert.Equal(TimeSpan.FromSeconds(1), e.RetryAfter);
        Assert.Equal(1, log.Integrator.Snapshot.Size);
        var results = await Task.WhenAll(Enumerable.Range(2, 50).Select(i => log.AppendAsync(Entry(i)).AsTask()));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), results.Select(r => r.Index).Order());
        Assert.Equal(51, log.Integrator.Snapshot.Size);
        var rows = store.Inner.Rows.OrderBy(r => r.Index).ToList();
        Assert.Equal(Enumerable.Range(0, 51).Select(i => (long)i), rows.Select(r => r.Index));
        Assert.All(rows, r => Assert.True(AuditEntryCodec.TryReadIndex(r.Entry, out var carried, out _) && carried == r.Index));
        var report = AuditLogVerifier.Verify(rows, [], null, await store.LoadTreeStateAsync(default));
        Assert.DoesNotContain(report.Problems, p => p.Kind != AuditProblemKind.NoTreeHead);
        Assert.Equal(ReferenceMerkle.Mth([.. rows.Select(r => r.Entry)]), log.Integrator.Snapshot.Root);
    }

    [Fact]
    public async Task Appends_awaited_without_a_token_share_one_completion_per_batch_and_get_every_index_once()
    {
        var store = new MemoryAuditLogStore();
        await using var log = await AuditLog.OpenAsync(store, null, Manual with { MaxBatchSize = 100 });
        var pending = new ValueTask<AuditAppendResult>[1000];
        for (var i = 0; i < pending.Length; i++)
        {
            pending[i] = log.AppendAsync(Entry(i));
        }

        var indexes = new List<long>();
        foreach (var p in pending)
        {
            indexes.Add((await p).Index);
        }

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), indexes);
        Assert.Equal(1000, store.Rows.Count);
    }

    [Fact]
    public async Task An_entry_over_a_limit_is_refused_before_it_is_queued()
    {
        await using var log = await AuditLog.OpenAsync(new MemoryAuditLogStore(), null, Manual);
        Assert.Throws<ArgumentException>(() => { _ = log.AppendAsync(Entry(0) with { PrivacyKey = new string('k', 300) }); });
        Assert.Equal(0, (await log.AppendAsync(Entry(0))).Index);
    }

    private sealed class BlockingStore : IAuditLogStore
    {
        private readonly MemoryAuditLogStore _inner = new();

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask<CompactRange?> LoadTreeStateAsync(CancellationToken cancellationToken) => _inner.LoadTreeStateAsync(cancellationToken);

        public async ValueTask AppendAsync(IReadOnlyList<AuditLeaf> leaves, CompactRange stateAfter, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Release.Task;
            await _inner.AppendAsync(leaves, stateAfter, cancellationToken);
        }

        public IAsyncEnumerable<AuditLeaf> ReadAsync(long from, long toExclusive, CancellationToken cancellationToken) => _inner.ReadAsync(from, toExclusive, cancellationToken);

        public ValueTask AddTreeHeadAsync(SignedTreeHead head, CancellationToken cancellationToken) => _inner.AddTreeHeadAsync(head, cancellationToken);

        public ValueTask<IReadOnlyList<SignedTreeHead>> ReadTreeHeadsAsync(CancellationToken cancellationToken) => _inner.ReadTreeHeadsAsync(cancellationToken);
    }

    private sealed class FlakyStore : IAuditLogStore
    {
        public MemoryAuditLogStore Inner { get; } = new();

        public bool FailNext { get; set; }

        public ValueTask<CompactRange?> LoadTreeStateAsync(CancellationToken cancellationToken) => Inner.LoadTreeStateAsync(cancellationToken);

        public ValueTask AppendAsync(IReadOnlyList<AuditLeaf> leaves, CompactRange stateAfter, CancellationToken cancellationToken)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new Core.Storage.StoreUnavailableException("store unavailable: connection refused");
            }

            return Inner.AppendAsync(leaves, stateAfter, cancellationToken);
        }

        public IAsyncEnumerable<AuditLeaf> ReadAsync(long from, long toExclusive, CancellationToken cancellationToken) => Inner.ReadAsync(from, toExclusive, cancellationToken);

        public ValueTask AddTreeHeadAsync(SignedTreeHead head, CancellationToken cancellationToken) => Inner.AddTreeHeadAsync(head, cancellationToken);

        public ValueTask<IReadOnlyList<SignedTreeHead>> ReadTreeHeadsAsync(CancellationToken cancellationToken) => Inner.ReadTreeHeadsAsync(cancellationToken);
    }

    private sealed class FailingStore : IAuditLogStore
    {
        public ValueTask<CompactRange?> LoadTreeStateAsync(CancellationToken cancellationToken) => ValueTask.FromResult<CompactRange?>(null);

        public ValueTask AppendAsync(IReadOnlyList<AuditLeaf> leaves, CompactRange stateAfter, CancellationToken cancellationToken) => throw new IOException("disk full");

        public async IAsyncEnumerable<AuditLeaf> ReadAsync(long from, long toExclusive, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            yield break;
        }

        public ValueTask AddTreeHeadAsync(SignedTreeHead head, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<IReadOnlyList<SignedTreeHead>> ReadTreeHeadsAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<SignedTreeHead>>([]);
    }
}
