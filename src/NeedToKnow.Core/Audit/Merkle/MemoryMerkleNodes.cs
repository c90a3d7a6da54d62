namespace NeedToKnow.Core.Audit.Merkle;

/// <summary>
/// Every perfect-subtree node of a tree held in memory (64 bytes per leaf: the leaf hashes plus the interior nodes),
/// in chunks of 32,768 hashes per level (fewer for the upper levels of a <see cref="TiledMerkleNodes"/>). One writer appends through <see cref="AddNode"/> and makes nodes visible with
/// <see cref="Publish"/>; any number of readers may read the published nodes meanwhile without locks.
/// </summary>
public sealed class MemoryMerkleNodes : IMerkleNodeReader, IMerkleNodeSink
{
    private const int MaxLevels = 63;
    private readonly int _chunkShift;
    private readonly int _chunkHashes;
    private readonly byte[][]?[] _levels = new byte[MaxLevels][][];
    private readonly long[] _counts = new long[MaxLevels];
    private long _published;

    /// <summary>Creates an empty tree with chunks of 32,768 hashes (1 MiB) per level.</summary>
    public MemoryMerkleNodes()
        : this(15)
    {
    }

    /// <param name="chunkShift">log2 of the hashes per chunk: small for trees that grow slowly.</param>
    internal MemoryMerkleNodes(int chunkShift)
    {
        _chunkShift = chunkShift;
        _chunkHashes = 1 << chunkShift;
    }

    /// <inheritdoc/>
    public long LeafCount => Volatile.Read(ref _published);

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The node is not the next one on its level.</exception>
    public void AddNode(int level, long index, ReadOnlySpan<byte> hash)
    {
        if (index != _counts[level])
        {
            throw new InvalidOperationException($"node ({level}, {index}) arrived out of order: expected index {_counts[level]}");
        }

        var chunk = (int)(index >> _chunkShift);
        var directory = _levels[level] ?? [];
        if (chunk >= directory.Length)
        {
            var grown = new byte[Math.Max(4, directory.Length * 2)][];
            directory.CopyTo(grown, 0);
            Volatile.Write(ref _levels[level], grown);
            directory = grown;
        }

        var block = directory[chunk] ??= new byte[_chunkHashes * MerkleHasher.HashSize];
        hash.CopyTo(block.AsSpan((int)(index & (_chunkHashes - 1)) * MerkleHasher.HashSize, MerkleHasher.HashSize));
        _counts[level] = index + 1;
    }

    /// <summary>Makes the nodes of the first <paramref name="leafCount"/> leaves visible to readers.</summary>
    /// <param name="leafCount">The number of leaves whose nodes were all added.</param>
    /// <exception cref="InvalidOperationException">Fewer leaves were added.</exception>
    public void Publish(long leafCount)
    {
        if (leafCount > _counts[0])
        {
            throw new InvalidOperationException($"cannot publish {leafCount} leaves: {_counts[0]} were added");
        }

        Volatile.Write(ref _published, leafCount);
    }

    /// <summary>Forgets the unpublished nodes past <paramref name="leafCount"/> leaves (their commit failed); later ones overwrite them.</summary>
    /// <param name="leafCount">The number of leaves to keep, at least the published count.</param>
    /// <exception cref="InvalidOperationException">Fewer leaves than published, or more than added.</exception>
    public void Truncate(long leafCount)
    {
        if (leafCount < LeafCount || leafCount > _counts[0])
        {
            throw new InvalidOperationException($"cannot truncate to {leafCount} leaves: {LeafCount} are published and {_counts[0]} added");
        }

        for (var level = 0; level < MaxLevels; level++)
        {
            _counts[level] = leafCount >> level;
        }
    }

    /// <inheritdoc/>
    public void ReadNode(int level, long index, Span<byte> destination)
    {
        if ((uint)level >= MaxLevels || index < 0 || ((index + 1) << level) > LeafCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"node ({level}, {index}) is not inside the {LeafCount} stored leaves");
        }

        var block = Volatile.Read(ref _levels[level])![index >> _chunkShift]!;
        block.AsSpan((int)(index & (_chunkHashes - 1)) * MerkleHasher.HashSize, MerkleHasher.HashSize).CopyTo(destination);
    }
}
