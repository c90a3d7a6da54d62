using NeedToKnow.Core.Audit;
using NeedToKnow.Core.Audit.Merkle;
using NeedToKnow.Core.Audit.Verification;

namespace NeedToKnow.Core.Tests.Audit;

public class AuditLogVerifierTests
{
    private static async Task<(MemoryAuditLogStore Store, TreeHeadSigner Signer)> LogOf(int count, params int[] headsAt)
    {
        var store = new MemoryAuditLogStore();
        var signer = TreeHeadSigner.Generate();
        await using var log = await AuditLog.OpenAsync(store, signer, new AuditLogOptions { PublishInterval = Timeout.InfiniteTimeSpan });
        for (var i = 0; i < count; i++)
        {
            await log.AppendAsync(AuditLogTests.Entry(i));
            if (headsAt.Contains(i + 1))
            {
                await log.Publisher!.PublishAsync();
            }
        }

        return (store, signer);
    }

    private static async Task<AuditVerificationReport> Verify(MemoryAuditLogStore store, TreeHeadSigner signer, SignedTreeHead? extra = null)
    {
        var heads = (await store.ReadTreeHeadsAsync(default)).ToList();
        if (extra is not null)
        {
            heads.Add(extra);
        }

        return AuditLogVerifier.Verify([.. store.Rows.OrderBy(r => r.Index)], heads, signer.Verifier, await store.LoadTreeStateAsync(default));
    }

    [Fact]
    public async Task An_untouched_log_verifies()
    {
        var (store, signer) = await LogOf(50, 10, 30);
        var report = await Verify(store, signer);
        Assert.True(report.IsValid, string.Join("; ", report.Problems));
        Assert.Equal(3, report.CheckedHeads);
    }

    [Fact]
    public async Task A_changed_byte_is_named()
    {
        var (store, signer) = await LogOf(50);
        var row = store.Rows[17];
        var bytes = (byte[])row.Entry.Clone();
        bytes[^5] ^= 1;
        store.Rows[17] = row with { Entry = bytes };
        var problem = Assert.Single((await Verify(store, signer)).Problems, p => p.Kind == AuditProblemKind.Changed);
        Assert.Equal(17, problem.Index);
        Assert.Equal("entry 17 does not match its stored leaf hash: it was changed", problem.Message);
    }

    [Fact]
    public async Task An_entry_changed_with_its_leaf_hash_is_narrowed_to_the_heads_around_it()
    {
        var (store, signer) = await LogOf(50, 10, 20, 30);
        var row = store.Rows[25];
        var bytes = (byte[])row.Entry.Clone();
        bytes[^5] ^= 1;
        store.Rows[25] = row with { Entry = bytes, LeafHash = MerkleHasher.HashLeaf(bytes) };
        var report = await Verify(store, signer);
        // One problem: the later head of size 50 cannot match either and is folded into it, not listed again.
        var problem = Assert.Single(report.Problems);
        Assert.Equal((AuditProblemKind.RootMismatch, 20L), (problem.Kind, problem.Index));
        Assert.Equal("entries 0 to 29 do not hash to the root of the tree head of size 30: an entry from 20 to 29 was changed with its leaf hash; the signed tree head of size 50 and the saved tree state of size 50 do not match the log either", problem.Message);
    }

    [Fact]
    public async Task A_changed_entry_is_one_problem_and_the_roots_of_later_heads_are_not_listed()
    {
        // The entry is changed, its stored leaf hash is not: the roots are recomputed from the stored leaf hashes, which
        // still match every signed head, so the change is named once and nothing else is reported.
        var (store, signer) = await LogOf(50, 10, 20, 30);
        var row = store.Rows[5];
        var bytes = (byte[])row.Entry.Clone();
        bytes[^5] ^= 1;
        store.Rows[5] = row with { Entry = bytes };
        var report = await Verify(store, signer);
        var problem = Assert.Single(report.Problems);
        Assert.Equal("entry 5 does not match its stored leaf hash: it was changed", problem.Message);
        Assert.Equal(4, report.CheckedHeads);
    }

    [Fact]
    public async Task A_changed_leaf_hash_is_named_with_one_root_mismatch_for_all_later_heads()
    {
        var (store, signer) = await LogOf(50, 10, 20, 30);
        var row = store.Rows[5];
        var hash = (byte[])row.LeafHash.Clone();
        hash[0] ^= 1;
        store.Rows[5] = row with { LeafHash = hash };
        var problems = (await Verify(store, signer)).Problems;
        Assert.Equal(
            [
                (AuditProblemKind.Changed, "entry 5 does not match its stored leaf hash: it was changed"),
                (AuditProblemKind.RootMismatch, "entries 0 to 9 do not hash to the root of the tree head of size 10: an entry from 0 to 9 was changed with its leaf hash; 3 signed tree heads (sizes 20 to 50) and the saved tree state of size 50 do not match the log either"),
            ],
            problems.Select(p => (p.Kind, p.Message)));
    }

    [Fact]
    public async Task A_deleted_row_is_named()
    {
        var (store, signer) = await LogOf(50);
        store.Rows.RemoveAt(33);
        var report = await Verify(store, signer);
        var problem = Assert.Single(report.Problems, p => p.Kind == AuditProblemKind.Missing);
        Assert.Equal(33, problem.Index);
        Assert.Equal("entry 33 is missing (deleted)", problem.Message);
    }

    [Fact]
    public async Task Deleted_tail_rows_are_named()
    {
        var (store, signer) = await LogOf(50);
        store.Rows.RemoveRange(45, 5);
        var problem = Assert.Single((await Verify(store, signer)).Problems);
        Assert.Equal(AuditProblemKind.Truncated, problem.Kind);
        Assert.Equal(45, problem.Index);
    }

    [Fact]
    public async Task Two_swapped_rows_are_named()
    {
        var (store, signer) = await LogOf(50);
        var (a, b) = (store.Rows[5], store.Rows[9]);
        store.Rows[5] = b with { Index = 5 };
        store.Rows[9] = a with { Index = 9 };
        var reordered = (await Verify(store, signer)).Problems.Where(p => p.Kind == AuditProblemKind.Reordered).ToList();
        Assert.Equal([5L, 9L], reordered.Select(p => p.Index!.Value));
        Assert.Equal("entry 5 holds the entry of index 9: rows were swapped or moved, or its index was rewritten; so the signed tree head of size 50 and the saved tree state of size 50 do not match the log", reordered[0].Message);
        Assert.Equal(2, (await Verify(store, signer)).Problems.Count);
    }

    [Fact]
    public async Task Consecutive_changed_entries_are_one_problem()
    {
        var (store, signer) = await LogOf(50);
        for (var i = 10; i < 30; i++)
        {
            var bytes = (byte[])store.Rows[i].Entry.Clone();
            bytes[^5] ^= 1;
            store.Rows[i] = store.Rows[i] with { Entry = bytes };
        }

        var bytes40 = (byte[])store.Rows[40].Entry.Clone();
        bytes40[^5] ^= 1;
        store.Rows[40] = store.Rows[40] with { Entry = bytes40 };
        var problems = (await Verify(store, signer)).Problems;
        Assert.Equal(
            ["entries 10 to 29 do not match their stored leaf hashes: they were changed", "entry 40 does not match its stored leaf hash: it was changed"],
            problems.Select(p => p.Message));
        Assert.Equal([10L, 40L], problems.Select(p => p.Index!.Value));
    }

    [Fact]
    public async Task A_log_rolled_back_with_its_heads_is_caught_by_the_saved_tree_state()
    {
        var (store, signer) = await LogOf(50, 20);
        var state = await store.LoadTreeStateAsync(default);
        store.Rows.RemoveRange(20, 30);
        var heads = (await store.ReadTreeHeadsAsync(default)).Where(h => h.TreeSize <= 20).ToList();
        var report = AuditLogVerifier.Verify(store.Rows, heads, signer.Verifier, state);
        var problem = Assert.Single(report.Problems);
        Assert.Equal((AuditProblemKind.Truncated, 20L), (problem.Kind, problem.Index));
        Assert.Equal("the log's saved tree state has size 50 but the log has 20 entries: entries 20 to 49 were deleted (the log was rolled back)", problem.Message);
    }

    [Fact]
    public async Task Entries_changed_into_unreadable_bytes_are_one_problem()
    {
        var (store, signer) = await LogOf(50, 10);
        for (var i = 20; i < 30; i++)
        {
            store.Rows[i] = store.Rows[i] with { Entry = [.. store.Rows[i].Entry, 0x00] };
        }

        var problem = Assert.Single((await Verify(store, signer)).Problems);
        Assert.Equal("entries 20 to 29 do not match their stored leaf hashes: they were changed", problem.Message);
    }

    [Fact]
    public async Task A_head_without_a_valid_signature_is_not_held_against_the_log()
    {
        var (store, signer) = await LogOf(50, 10, 20, 30);
        var heads = (await store.ReadTreeHeadsAsync(default)).ToList();
        var i = heads.FindIndex(h => h.TreeSize == 20);
        var root = (byte[])heads[i].RootHash.Clone();
        root[0] ^= 1;
        heads[i] = new SignedTreeHead(20, heads[i].Timestamp, root, heads[i].Signature);
        var report = AuditLogVerifier.Verify(store.Rows, heads, signer.Verifier, await store.LoadTreeStateAsync(default));
        var problem = Assert.Single(report.Problems);
        Assert.Equal(AuditProblemKind.BadSignature, problem.Kind);
        Assert.StartsWith("the tree head of size 20 signed at ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_emptied_log_with_its_saved_state_is_one_rollback_problem()
    {
        var (store, signer) = await LogOf(20);
        var state = await store.LoadTreeStateAsync(default);
        var report = AuditLogVerifier.Verify([], [], signer.Verifier, state);
        var problem = Assert.Single(report.Problems);
        Assert.Equal(AuditProblemKind.Truncated, problem.Kind);
    }

    [Fact]
    public async Task The_wrong_key_is_one_problem_not_one_per_head()
    {
        var (store, signer) = await LogOf(50, 10, 20, 30);
        using var other = TreeHeadSigner.Generate();
        var report = AuditLogVerifier.Verify(store.Rows, await store.ReadTreeHeadsAsync(default), other.Verifier, await store.LoadTreeStateAsync(default));
        var problem = Assert.Single(report.Problems);
        Assert.Equal(AuditProblemKind.BadSignature, problem.Kind);
        Assert.Equal($"none of the 4 tree heads has a valid signature for key {other.Verifier.KeyId[..16]}: is it the log's public key?", problem.Message);
    }

    [Fact]
    public async Task A_forged_head_beside_a_true_head_of_the_same_size_is_blamed_on_the_head()
    {
        var (store, signer) = await LogOf(50, 20);
        var stored = (await store.ReadTreeHeadsAsync(default)).Single(h => h.TreeSize == 20);
        var root = (byte[])stored.RootHash.Clone();
        root[0] ^= 1;
        var forged = signer.Sign(20, stored.Timestamp.AddSeconds(1), root);
        var report = await Verify(store, signer, forged);
        var problem = Assert.Single(report.Problems);
        Assert.Equal(AuditProblemKind.RootMismatch, problem.Kind);
        Assert.Null(problem.Index);
        Assert.StartsWith("the tree head of size 20 signed at ", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("does not match the log, while another signed head of that size does: it is not a head of this log (forged, or from another log)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_appended_behind_the_logs_back_is_named()
    {
        var (store, signer) = await LogOf(20);
        var entry = AuditEntryCodec.Encode(20, AuditLogTests.Entry(20));
        store.Rows.Add(new AuditLeaf(20, entry, MerkleHasher.HashLeaf(entry)));
        var problem = Assert.Single((await Verify(store, signer)).Problems);
        Assert.Equal(AuditProblemKind.AppendedOutsideLog, problem.Kind);
        Assert.Equal(20, problem.Index);
    }

    [Fact]
    public async Task A_forged_tree_head_is_named()
    {
        var (store, signer) = await LogOf(20);
        using var forger = TreeHeadSigner.Generate();
        var forged = forger.Sign(20, DateTimeOffset.UnixEpoch, new byte[32]);
        var report = await Verify(store, signer, forged);
        // Its signature is not the log's, so its root says nothing about the entries: one problem, on the head.
        var problem = Assert.Single(report.Problems);
        Assert.Equal(AuditProblemKind.BadSignature, problem.Kind);
    }

    [Fact]
    public async Task A_log_rewritten_after_an_earlier_head_is_caught_by_that_head()
    {
        // The auditor kept the head of size 10; the operator rewrote the whole log and re-signed new heads.
        var (store, signer) = await LogOf(10, 10);
        var kept = (await store.ReadTreeHeadsAsync(default))[^1];
        var rewritten = new MemoryAuditLogStore();
        await using (var log = await AuditLog.OpenAsync(rewritten, signer, new AuditLogOptions { PublishInterval = Timeout.InfiniteTimeSpan }))
        {
            for (var i = 0; i < 12; i++)
            {
                await log.AppendAsync(AuditLogTests.Entry(i) with { AppId = "other" });
            }
        }

        var report = await Verify(rewritten, signer, kept);
        var problem = Assert.Single(report.Problems);
        Assert.Equal(AuditProblemKind.RootMismatch, problem.Kind);
        Assert.StartsWith("entries 0 to 9 do not hash to the root of the tree head of size 10", problem.Message);
    }

    [Fact]
    public void A_log_with_entries_and_no_head_is_a_problem()
    {
        var entry = AuditEntryCodec.Encode(0, AuditLogTests.Entry(0));
        var report = AuditLogVerifier.Verify([new AuditLeaf(0, entry, MerkleHasher.HashLeaf(entry))], [], null, null);
        Assert.Equal(AuditProblemKind.NoTreeHead, Assert.Single(report.Problems).Kind);
        Assert.Contains("no public key given: tree head signatures were not checked", report.Notes);
    }
}
