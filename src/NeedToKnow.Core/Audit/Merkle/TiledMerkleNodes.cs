namespace NeedToKnow.Core.Audit.Merkle;

/// <summary>
/// The stored nodes of a growing tree with bounded memory: only nodes at level <see cref="TileHeight"/> and above (one
/// hash per 64 leaves, so about 1 byte per leaf in all) and the tiles still being filled stay in memory. The six lower
/// levels of a completed tile (its 64 leaf hashes and 62 interior nodes) are recomputed from the leaf hashes in the
/// store when a proof needs them, checked against the tile's root held in memory, and kept in a small cache.
/// </summary>
/// <remarks>
/// <para>Tiles follow the tiled transparency logs of C2SP tlog-tiles and Tessera, with 64 leaves instead of 256: a
/// proof that misses the cache reads one 64-row range and hashes 63 nodes.</para>
/// <para>Concurrency as in <see cref="MemoryMerkleNodes"/>: one writer (<see cref="AddNode"/>, <see cref="Publish"/>,
/// <see cref="Truncate"/>), any number of lock-free readers of the published nodes. A tile leaves memory only once all
/// of its leaves are published, i.e. durable in the store, so a reader finds every published node in one place or the
/// other.</para>
/// </remarks>
internal sealed class TiledMerkleNodes : IMerkleNodeReader, IMerkleNodeSink
{
    /// <summary>The height of a tile: 6, so a tile holds 64 leaves.</summary>
    public const int TileHeight = 6;

    private const int TileLeaves = 1 << TileHeight;

    // Levels 0..TileHeight-1 of one tile, level by level: 64 + 32 + ... + 2 = 126 hashes.
    private const int TileNodes = (2 << TileHeight) - 2;
    private const int CacheSlots = 64;

    private readonly IMerkleLeafHashReader? _leaves;
    private readonly MemoryMerkleNodes _upper = new(10);
    private readonly long[] _counts = new long[TileHeight];
    private readonly StoredTile?[] _cache = new StoredTile?[CacheSlots];
    private OpenTiles _open = new(0, []);
    private long _published;

    /// <summary>Creates an empty tree.</summary>
    /// <param name="leaves">Where completed tiles' leaf hashes are read back from; null keeps every tile in memory.</param>
    public TiledMerkleNodes(IMerkleLeafHashReader? leaves)
    {
        _leaves = leaves;
    }

    /// <inheritdoc/>
    public long LeafCount => Volatile.Read(ref _published);

    /// <summary>The number of tiles held in memory now (not counting the cache): a diagnostic for tests.</summary>
    internal int OpenTileCount => Volatile.Read(ref _open).Tiles.Length;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The node is not the next one on its level.</exception>
    public void AddNode(int level, long index, ReadOnlySpan<byte> hash)
    {
        if (level >= TileHeight)
        {
            _upper.AddNode(level - TileHeight, index, hash);
            return;
        }

        if (index != _counts[level])
        {
            throw new InvalidOperationException($"node ({level}, {index}) arrived out of order: expected index {_counts[level]}");
        }

        var tile = index >> (TileHeight - level);
        var open = _open;
        if (tile >= open.First + open.Tiles.Length)
        {
            open = new OpenTiles(open.First, [.. open.Tiles, new byte[TileNodes * MerkleHasher.HashSize]]);
            Volatile.Write(ref _open, open);
        }

        hash.CopyTo(open.Tiles[tile - open.First].AsSpan(Offset(level, index), MerkleHasher.HashSize));
        _counts[level] = index + 1;
    }

    /// <summary>Makes the nodes of the first <paramref name="leafCount"/> leaves visible to readers; tiles whose leaves are all published leave memory when there is a store to read them back from.</summary>
    /// <param name="leafCount">The number of leaves whose nodes were all added, and which are durable in the store.</param>
    /// <exception cref="InvalidOperationException">Fewer leaves were added.</exception>
    public void Publish(long leafCount)
    {
        if (leafCount > _counts[0])
        {
            throw new InvalidOperationException($"cannot publish {leafCount} leaves: {_counts[0]} were added");
        }

        _upper.Publish(leafCount >> TileHeight);
        Volatile.Write(ref _published, leafCount);
        var first = leafCount >> TileHeight;
        var open = _open;
        if (_leaves is not null && first > open.First)
        {
            var drop = (int)Math.Min(first - open.First, open.Tiles.Length);
            Volatile.Write(ref _open, new OpenTiles(first, open.Tiles[drop..]));
        }
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

        _upper.Truncate(leafCount >> TileHeight);
        for (var level = 0; level < TileHeight; level++)
        {
            _counts[level] = leafCount >> level;
        }
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidDataException">The store's leaf hashes of the node's tile are missing or no longer add up to the tile's root (run <c>ntk audit verify</c>).</exception>
    public void ReadNode(int level, long index, Span<byte> destination)
    {
        if ((uint)level >= 63 || index < 0 || ((index + 1) << level) > LeafCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"node ({level}, {index}) is not inside the {LeafCount} stored leaves");
        }

        if (level >= TileHeight)
        {
            _upper.ReadNode(level - TileHeight, index, destination);
            return;
        }

        var tile = index >> (TileHeight - level);
        var open = Volatile.Read(ref _open);
        var nodes = tile >= open.First && tile < open.First + open.Tiles.Length ? open.Tiles[tile - open.First] : StoredTileNodes(tile);
        nodes.AsSpan(Offset(level, index), MerkleHasher.HashSize).CopyTo(destination);
    }

    /// <summary>The byte offset of node (<paramref name="level"/>, <paramref name="index"/>) inside its tile's array.</summary>
    private static int Offset(int level, long index)
    {
        var levelStart = (2 << TileHeight) - (2 << (TileHeight - level));
        var position = (int)(index & ((1L << (TileHeight - level)) - 1));
        return (levelStart + position) * MerkleHasher.HashSize;
    }

    /// <summary>A completed, published tile's lower levels: from the cache, or read back from the store and checked against its root.</summary>
    private byte[] StoredTileNodes(long tile)
    {
        var slot = (int)(tile & (CacheSlots - 1));
        if (Volatile.Read(ref _cache[slot]) is { } cached && cached.Tile == tile)
        {
            return cached.Nodes;
        }

        var nodes = new byte[TileNodes * MerkleHasher.HashSize];
        _leaves!.ReadLeafHashes(tile << TileHeight, TileLeaves, nodes.AsSpan(0, TileLeaves * MerkleHasher.HashSize));
        Span<byte> root = stackalloc byte[MerkleHasher.HashSize];
        for (var level = 1; level <= TileHeight; level++)
        {
            var below = Offset(level - 1, 0);
            for (var i = 0; i < TileLeaves >> level; i++)
            {
                var left = nodes.AsSpan(below + (2 * i * MerkleHasher.HashSize), MerkleHasher.HashSize);
                var right = nodes.AsSpan(below + (((2 * i) + 1) * MerkleHasher.HashSize), MerkleHasher.HashSize);
                MerkleHasher.HashChildren(left, right, level == TileHeight ? root : nodes.AsSpan(Offset(level, i), MerkleHasher.HashSize));
            }
        }

        Span<byte> expected = stackalloc byte[MerkleHasher.HashSize];
        _upper.ReadNode(0, tile, expected);
        if (!root.SequenceEqual(expected))
        {
            var first = tile << TileHeight;
            throw new InvalidDataException($"the audit log's stored entries {first}-{first + TileLeaves - 1} no longer match the tree built from them: run `ntk audit verify`");
        }

        Volatile.Write(ref _cache[slot], new StoredTile(tile, nodes));
        return nodes;
    }

    /// <summary>The tiles held in memory, from tile <paramref name="First"/> on: immutable, replaced whole by the writer.</summary>
    private sealed record OpenTiles(long First, byte[][] Tiles);

    private sealed record StoredTile(long Tile, byte[] Nodes);
}
