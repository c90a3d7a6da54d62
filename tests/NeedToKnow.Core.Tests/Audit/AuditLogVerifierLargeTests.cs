using NeedToKnow.Core.Audit;
using NeedToKnow.Core.Audit.Merkle;
using NeedToKnow.Core.Audit.Verification;

namespace NeedToKnow.Core.Tests.Audit;

/// <summary>
/// Logs large enough for the verifier's parallel path (blocks of 1024 rows hashed and folded on every core, a buffer of
/// 16 blocks): heads inside and at block edges, and each tamper in the middle of a block, give the row-by-row answers.
/// </summary>
public class AuditLogVerifierLargeTests
{
    private const int Rows = 40_000;
    private static readonly int[] HeadSizes = [1, 1023, 1024, 1500, 16_384, 20_000, 32_768, Rows];

    private static (List<AuditLeaf> Rows, List<SignedTreeHead> Heads, CompactRange State, TreeHeadSigner Signer) Log()
    {
        var signer = TreeHeadSigner.Generate();
        var range = new CompactRange();
        var rows = new List<AuditLeaf>(Rows);
        var heads = new List<SignedTreeHead>();
        var time = DateTimeOffset.FromUnixTimeMilliseconds(1_764_400_000_000);
        for (var i = 0; i < Rows; i++)
        {
            var entry = AuditEntryCodec.Encode(i, AuditLogTests.Entry(i));
            var leaf = MerkleHasher.HashLeaf(entry);
            range.Append(leaf);
            rows.Add(new AuditLeaf(i, entry, leaf));
            if (HeadSizes.Contains(i + 1))
            {
                heads.Add(signer.Sign(i + 1, time, range.Root()));
            }
        }

        return (rows, heads, range, signer);
    }

    [Fact]
    public void An_untouched_large_log_verifies_against_every_head_and_its_state()
    {
        var (rows, heads, state, signer) = Log();
        var report = AuditLogVerifier.Verify(rows, heads, signer.Verifier, state);
        Assert.True(report.IsValid, string.Join("; ", report.Problems));
        Assert.Equal(Rows, report.EntriesRead);
        Assert.Equal(HeadSizes.Length, report.CheckedHeads);
    }

    [Fact]
    public void Changed_deleted_swapped_and_rewritten_rows_of_a_large_log_are_named()
    {
        var (rows, heads, state, signer) = Log();
        var changed = (byte[])rows[5000].Entry.Clone();
        changed[^3] ^= 1;
        rows[5000] = rows[5000] with { Entry = changed };
        (rows[9001], rows[9002]) = (rows[9002] with { Index = 9001 }, rows[9001] with { Index = 9002 });
        var rewritten = AuditEntryCodec.Encode(25_000, AuditLogTests.Entry(7));
        rows[25_000] = new AuditLeaf(25_000, rewritten, MerkleHasher.HashLeaf(rewritten));
        rows.RemoveAt(30_000);
        var problems = AuditLogVerifier.Verify(rows, heads, signer.Verifier, state).Problems;
        Assert.Contains(problems, p => p.Kind == AuditProblemKind.Changed && p.Index == 5000 && p.Message == "entry 5000 does not match its stored leaf hash: it was changed");
        Assert.Contains(problems, p => p.Kind == AuditProblemKind.Reordered && p.Index == 9001
            && p.Message == "entry 9001 holds the entry of index 9002: rows were swapped or moved, or its index was rewritten; so 2 signed tree heads (sizes 16384 to 20000) do not match the log");
        Assert.Contains(problems, p => p.Kind == AuditProblemKind.Reordered && p.Index == 9002);
        Assert.Contains(problems, p => p.Kind == AuditProblemKind.Missing && p.Index == 30_000 && p.Message == "entry 30000 is missing (deleted)");
        // Entry 5000 changed alone leaves the roots (recomputed from stored leaf hashes) whole; the swap breaks them from
        // the first head after it, which is said in the swap's problem, not as an unexplained root mismatch.
        Assert.DoesNotContain(problems, p => p.Kind == AuditProblemKind.RootMismatch);
        Assert.Equal(4, problems.Count);
        Assert.Equal(2, problems.Count(p => p.Kind == AuditProblemKind.Reordered));
        Assert.Single(problems, p => p.Kind == AuditProblemKind.Changed);
    }

    [Fact]
    public async Task The_streaming_verifier_pipelines_reading_and_checking_and_gives_the_same_report()
    {
        var (rows, heads, state, signer) = Log();
        rows.RemoveAt(33_000);
        var expected = AuditLogVerifier.Verify(rows, heads, signer.Verifier, state);
        var streamed = await AuditLogVerifier.VerifyAsync(Stream(rows), heads, signer.Verifier, state);
        Assert.Equal(expected.EntriesRead, streamed.EntriesRead);
        Assert.Equal(expected.CheckedHeads, streamed.CheckedHeads);
        Assert.Equal(expected.Problems.Select(p => p.Message), streamed.Problems.Select(p => p.Message));
        Assert.Contains(streamed.Problems, p => p.Message == "entry 33000 is missing (deleted)");
        Assert.Equal(HeadSizes.Length - 1, streamed.CheckedHeads);
    }

    private static async IAsyncEnumerable<AuditLeaf> Stream(List<AuditLeaf> rows)
    {
        foreach (var row in rows)
        {
            if (row.Index % 5000 == 0)
            {
                await Task.Yield();
            }

            yield return row;
        }
    }

    [Fact]
    public void An_entry_rewritten_with_its_leaf_hash_is_narrowed_between_the_heads_around_it()
    {
        var (rows, heads, state, signer) = Log();
        var rewritten = AuditEntryCodec.Encode(25_000, AuditLogTests.Entry(7));
        rows[25_000] = new AuditLeaf(25_000, rewritten, MerkleHasher.HashLeaf(rewritten));
        var problems = AuditLogVerifier.Verify(rows, heads, signer.Verifier, state).Problems;
        Assert.Contains(problems, p => p.Kind == AuditProblemKind.RootMismatch && p.Index == 20_000
            && p.Message == "entries 0 to 32767 do not hash to the root of the tree head of size 32768: an entry from 20000 to 32767 was changed with its leaf hash; the signed tree head of size 40000 and the saved tree state of size 40000 do not match the log either");
        Assert.Single(problems);
        Assert.DoesNotContain(problems, p => p.Kind is AuditProblemKind.Changed or AuditProblemKind.Reordered or AuditProblemKind.Missing);
    }
}
