using NeedToKnow.Core.Audit.Merkle;

namespace NeedToKnow.Core.Audit;

/// <summary>
/// The storage port of the audit log: append-only rows, the compact tree state and the signed tree heads. SQLite and
/// PostgreSQL implement it in NeedToKnow.Storage; every implementation passes the same contract tests.
/// </summary>
public interface IAuditLogStore : IMerkleLeafHashReader
{
    /// <summary>Reads the tree state saved with the last append, or null for an empty log.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The compact range over every stored leaf.</returns>
    ValueTask<CompactRange?> LoadTreeStateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="leaves"/> (consecutive indexes following the stored ones) and replaces the tree state
    /// with <paramref name="stateAfter"/>, atomically; completes only when the write is durable (group commit: one
    /// transaction, one sync, for the whole batch).
    /// </summary>
    /// <param name="leaves">The new rows, in index order.</param>
    /// <param name="stateAfter">The compact range over every leaf including these.</param>
    /// <param name="cancellationToken">Cancels before the commit.</param>
    /// <returns>A task that completes after the durable commit.</returns>
    /// <exception cref="InvalidOperationException">The first index does not follow the stored ones.</exception>
    ValueTask AppendAsync(IReadOnlyList<AuditLeaf> leaves, CompactRange stateAfter, CancellationToken cancellationToken);

    /// <summary>Reads rows with <paramref name="from"/> &lt;= index &lt; <paramref name="toExclusive"/> in index order, as stored (a verifier trusts nothing in them).</summary>
    /// <param name="from">The first index.</param>
    /// <param name="toExclusive">One past the last index; <see cref="long.MaxValue"/> for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The rows.</returns>
    IAsyncEnumerable<AuditLeaf> ReadAsync(long from, long toExclusive, CancellationToken cancellationToken);

    /// <summary>Stores a signed tree head durably.</summary>
    /// <param name="head">The head.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes after the durable write.</returns>
    ValueTask AddTreeHeadAsync(SignedTreeHead head, CancellationToken cancellationToken);

    /// <summary>Reads every stored signed tree head, by ascending size then time.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The heads.</returns>
    ValueTask<IReadOnlyList<SignedTreeHead>> ReadTreeHeadsAsync(CancellationToken cancellationToken);

    /// <inheritdoc/>
    /// <remarks>The default reads through <see cref="ReadAsync"/> and waits for it; stores override it with a direct read.</remarks>
    void IMerkleLeafHashReader.ReadLeafHashes(long from, int count, Span<byte> destination)
    {
        var expected = from;
        foreach (var leaf in ReadAsync(from, from + count, CancellationToken.None).ToBlockingEnumerable())
        {
            AuditLeafHashes.Copy(leaf.Index, expected, leaf.LeafHash, destination[(int)((expected - from) * MerkleHasher.HashSize)..]);
            expected++;
        }

        AuditLeafHashes.CheckCount(from, count, expected - from);
    }
}
