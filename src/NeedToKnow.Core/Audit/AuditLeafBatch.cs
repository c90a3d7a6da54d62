using System.Buffers;
using System.Collections;
using NeedToKnow.Core.Audit.Merkle;

namespace NeedToKnow.Core.Audit;

/// <summary>
/// One group commit of the audit log: consecutive leaves held in pooled buffers (the canonical entry bytes back to
/// back, then 32 bytes of leaf hash per entry), so an append costs no allocation of its own. Stores read it through
/// <see cref="EntryAt"/> and <see cref="LeafHashAt"/>; the <see cref="IReadOnlyList{T}"/> view copies each row into an
/// <see cref="AuditLeaf"/> for stores that keep rows as objects. Valid only while the store's
/// <see cref="IAuditLogStore.AppendAsync"/> runs: the buffers go back to the pool after the commit.
/// </summary>
public sealed class AuditLeafBatch : IReadOnlyList<AuditLeaf>
{
    private const int ParallelHashThreshold = 2048;
    private const int HashChunk = 1024;
    private byte[] _arena;
    private int[] _ends;
    private byte[] _hashes;
    private int _used;

    internal AuditLeafBatch(long firstIndex, int capacity)
    {
        FirstIndex = firstIndex;
        _arena = ArrayPool<byte>.Shared.Rent(Math.Max(256, capacity * 160));
        _ends = ArrayPool<int>.Shared.Rent(Math.Max(16, capacity));
        _hashes = [];
    }

    /// <summary>The index of the first leaf.</summary>
    public long FirstIndex { get; private set; }

    /// <summary>The number of leaves.</summary>
    public int Count { get; private set; }

    /// <summary>The canonical bytes (<see cref="AuditEntryCodec"/>) of leaf <paramref name="i"/>, index <see cref="FirstIndex"/> + i.</summary>
    /// <param name="i">0 to <see cref="Count"/> - 1.</param>
    /// <returns>The bytes, valid until the batch is released.</returns>
    public ReadOnlySpan<byte> EntryAt(int i) => EntryMemoryAt(i).Span;

    /// <summary>As <see cref="EntryAt"/>, as memory (for asynchronous writers).</summary>
    /// <param name="i">0 to <see cref="Count"/> - 1.</param>
    /// <returns>The bytes, valid until the batch is released.</returns>
    public ReadOnlyMemory<byte> EntryMemoryAt(int i)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)i, (uint)Count, nameof(i));
        var start = i == 0 ? 0 : _ends[i - 1];
        return _arena.AsMemory(start, _ends[i] - start);
    }

    /// <summary>SHA-256(0x00 || entry) of leaf <paramref name="i"/> (RFC 9162 §2.1.1), 32 bytes.</summary>
    /// <param name="i">0 to <see cref="Count"/> - 1.</param>
    /// <returns>The hash, valid until the batch is released.</returns>
    public ReadOnlySpan<byte> LeafHashAt(int i) => LeafHashMemoryAt(i).Span;

    /// <summary>As <see cref="LeafHashAt"/>, as memory.</summary>
    /// <param name="i">0 to <see cref="Count"/> - 1.</param>
    /// <returns>The hash, valid until the batch is released.</returns>
    public ReadOnlyMemory<byte> LeafHashMemoryAt(int i)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)i, (uint)Count, nameof(i));
        return _hashes.AsMemory(i * MerkleHasher.HashSize, MerkleHasher.HashSize);
    }

    /// <summary>Leaf <paramref name="index"/> copied into a new row object.</summary>
    /// <param name="index">0 to <see cref="Count"/> - 1.</param>
    /// <returns>The row.</returns>
    public AuditLeaf this[int index] => new(FirstIndex + index, EntryAt(index).ToArray(), LeafHashAt(index).ToArray());

    /// <inheritdoc/>
    public IEnumerator<AuditLeaf> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Copies an encoded entry in as the next leaf and writes its index into it; returns its position.</summary>
    internal int Add(ReadOnlySpan<byte> encoded)
    {
        if (_used + encoded.Length > _arena.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_arena.Length * 2, _used + encoded.Length));
            _arena.AsSpan(0, _used).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_arena);
            _arena = grown;
        }

        if (Count == _ends.Length)
        {
            var grown = ArrayPool<int>.Shared.Rent(_ends.Length * 2);
            _ends.AsSpan(0, Count).CopyTo(grown);
            ArrayPool<int>.Shared.Return(_ends);
            _ends = grown;
        }

        var target = _arena.AsSpan(_used, encoded.Length);
        encoded.CopyTo(target);
        AuditEntryCodec.SetIndex(target, FirstIndex + Count);
        _used += encoded.Length;
        _ends[Count] = _used;
        return Count++;
    }

    /// <summary>Moves the batch to start at <paramref name="firstIndex"/> (after an earlier batch failed), rewriting every entry's index.</summary>
    internal void Rebase(long firstIndex)
    {
        FirstIndex = firstIndex;
        for (var i = 0; i < Count; i++)
        {
            var start = i == 0 ? 0 : _ends[i - 1];
            AuditEntryCodec.SetIndex(_arena.AsSpan(start, _ends[i] - start), firstIndex + i);
        }
    }

    /// <summary>Computes every leaf hash; large batches use every core.</summary>
    internal void HashLeaves()
    {
        _hashes = ArrayPool<byte>.Shared.Rent(Math.Max(1, Count) * MerkleHasher.HashSize);
        if (Count < ParallelHashThreshold)
        {
            HashRange(0, Count);
            return;
        }

        var chunks = (Count + HashChunk - 1) / HashChunk;
        Parallel.For(0, chunks, c => HashRange(c * HashChunk, Math.Min(Count, (c + 1) * HashChunk)));
    }

    /// <summary>Returns the buffers to the pool; the batch is empty afterwards.</summary>
    internal void Release()
    {
        ArrayPool<byte>.Shared.Return(_arena);
        ArrayPool<int>.Shared.Return(_ends);
        if (_hashes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_hashes);
        }

        _arena = [];
        _ends = [];
        _hashes = [];
        _used = 0;
        Count = 0;
    }

    private void HashRange(int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var start = i == 0 ? 0 : _ends[i - 1];
            MerkleHasher.HashLeaf(_arena.AsSpan(start, _ends[i] - start), _hashes.AsSpan(i * MerkleHasher.HashSize, MerkleHasher.HashSize));
        }
    }
}
