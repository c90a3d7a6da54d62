using System.Runtime.CompilerServices;
using NeedToKnow.Core.Audit.Merkle;

namespace NeedToKnow.Core.Audit;

/// <summary>
/// An <see cref="IAuditLogStore"/> in memory, for tests and for hosts that need no durability. Its rows can be
/// tampered with through <see cref="Rows"/>, as an attacker with access to a database could.
/// </summary>
public sealed class MemoryAuditLogStore : IAuditLogStore
{
    private readonly Lock _lock = new();
    private readonly List<SignedTreeHead> _heads = [];
    private byte[]? _state;

    /// <summary>The stored rows, in insertion order; tests may change them.</summary>
    public List<AuditLeaf> Rows { get; } = [];

    /// <inheritdoc/>
    public ValueTask<CompactRange?> LoadTreeStateAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_state is null ? null : CompactRange.FromBytes(_state));
        }
    }

    /// <inheritdoc/>
    public ValueTask AppendAsync(IReadOnlyList<AuditLeaf> leaves, CompactRange stateAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        ArgumentNullException.ThrowIfNull(stateAfter);
        lock (_lock)
        {
            var next = _state is null ? 0 : CompactRange.FromBytes(_state).Size;
            if (leaves.Count > 0 && leaves[0].Index != next)
            {
                throw new InvalidOperationException($"the batch starts at index {leaves[0].Index}, not {next}");
            }

            Rows.AddRange(leaves);
            _state = stateAfter.ToBytes();
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<AuditLeaf> ReadAsync(long from, long toExclusive, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        AuditLeaf[] rows;
        lock (_lock)
        {
            rows = [.. Rows.Where(r => r.Index >= from && r.Index < toExclusive).OrderBy(r => r.Index)];
        }

        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void ReadLeafHashes(long from, int count, Span<byte> destination)
    {
        lock (_lock)
        {
            var expected = from;
            foreach (var row in Rows)
            {
                if (row.Index >= from && row.Index < from + count)
                {
                    AuditLeafHashes.Copy(row.Index, expected, row.LeafHash, destination[(int)((expected - from) * MerkleHasher.HashSize)..]);
                    expected++;
                }
            }

            AuditLeafHashes.CheckCount(from, count, expected - from);
        }
    }

    /// <inheritdoc/>
    public ValueTask AddTreeHeadAsync(SignedTreeHead head, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _heads.Add(head);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<SignedTreeHead>> ReadTreeHeadsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<SignedTreeHead>>([.. _heads.OrderBy(h => h.TreeSize).ThenBy(h => h.Timestamp)]);
        }
    }
}
