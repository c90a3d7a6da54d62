using System.Buffers.Binary;
using System.Numerics;

namespace NeedToKnow.Core.Audit.Merkle;

/// <summary>
/// The compact state of a Merkle tree of any size n: the roots of the perfect subtrees that cover [0, n), largest
/// first, one per set bit of n (at most 63 hashes). Appending a leaf is O(log n) hashes (amortised one); the root is
/// their right-to-left fold, which is MTH(D[0:n]) of RFC 9162 §2.1.1. After transparency-dev's compact ranges.
/// </summary>
public sealed class CompactRange
{
    private const int MaxLevels = 63;
    private readonly byte[] _hashes = new byte[MaxLevels * MerkleHasher.HashSize];
    private int _count;

    /// <summary>The number of leaves covered.</summary>
    public long Size { get; private set; }

    /// <summary>Appends a leaf hash, reporting it and every perfect node it completes to <paramref name="sink"/>.</summary>
    /// <param name="leafHash">32 bytes.</param>
    /// <param name="sink">Where completed nodes go, or null.</param>
    /// <exception cref="ArgumentException"><paramref name="leafHash"/> is not 32 bytes.</exception>
    public void Append(ReadOnlySpan<byte> leafHash, IMerkleNodeSink? sink = null)
    {
        if (leafHash.Length != MerkleHasher.HashSize)
        {
            throw new ArgumentException("a leaf hash has 32 bytes", nameof(leafHash));
        }

        var index = Size;
        sink?.AddNode(0, index, leafHash);
        Span<byte> hash = stackalloc byte[MerkleHasher.HashSize];
        leafHash.CopyTo(hash);
        var level = 0;
        while ((index & 1) == 1)
        {
            _count--;
            MerkleHasher.HashChildren(Slot(_count), hash, hash);
            level++;
            index >>= 1;
            sink?.AddNode(level, index, hash);
        }

        hash.CopyTo(Slot(_count));
        _count++;
        Size++;
    }

    /// <summary>
    /// Appends the root of a perfect subtree of 2^<paramref name="level"/> leaves whose first leaf is at
    /// <see cref="Size"/>: the same state as appending its leaves one by one (used to fold chunks hashed in parallel).
    /// </summary>
    /// <param name="level">The subtree's height, 0 to 62.</param>
    /// <param name="subtreeRoot">32 bytes: MTH of the 2^level leaves.</param>
    /// <exception cref="ArgumentException">The hash is not 32 bytes, or <see cref="Size"/> is not a multiple of 2^level.</exception>
    public void AppendSubtree(int level, ReadOnlySpan<byte> subtreeRoot)
    {
        if (subtreeRoot.Length != MerkleHasher.HashSize || (uint)level >= MaxLevels || (Size & ((1L << level) - 1)) != 0)
        {
            throw new ArgumentException($"a subtree of height {level} cannot follow {Size} leaves", nameof(level));
        }

        var index = Size >> level;
        Span<byte> hash = stackalloc byte[MerkleHasher.HashSize];
        subtreeRoot.CopyTo(hash);
        while ((index & 1) == 1)
        {
            _count--;
            MerkleHasher.HashChildren(Slot(_count), hash, hash);
            index >>= 1;
        }

        hash.CopyTo(Slot(_count));
        _count++;
        Size += 1L << level;
    }

    /// <summary>The root of the covered tree, MTH(D[0:Size]); the empty root when nothing was appended.</summary>
    /// <returns>32 bytes.</returns>
    public byte[] Root()
    {
        var root = new byte[MerkleHasher.HashSize];
        Root(root);
        return root;
    }

    /// <summary>Writes the root of the covered tree to <paramref name="destination"/>.</summary>
    /// <param name="destination">At least 32 bytes.</param>
    public void Root(Span<byte> destination)
    {
        if (_count == 0)
        {
            MerkleHasher.EmptyRoot.CopyTo(destination);
            return;
        }

        Slot(_count - 1).CopyTo(destination);
        for (var i = _count - 2; i >= 0; i--)
        {
            MerkleHasher.HashChildren(Slot(i), destination, destination);
        }
    }

    /// <summary>A copy of this range.</summary>
    /// <returns>An independent range with the same state.</returns>
    public CompactRange Clone()
    {
        var copy = new CompactRange { Size = Size, _count = _count };
        _hashes.AsSpan(0, _count * MerkleHasher.HashSize).CopyTo(copy._hashes);
        return copy;
    }

    /// <summary>The canonical encoding: the size as 8 bytes big-endian, then the subtree roots, largest first, 32 bytes each.</summary>
    /// <returns>8 + 32·popcount(Size) bytes.</returns>
    public byte[] ToBytes()
    {
        var bytes = new byte[8 + (_count * MerkleHasher.HashSize)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, Size);
        _hashes.AsSpan(0, _count * MerkleHasher.HashSize).CopyTo(bytes.AsSpan(8));
        return bytes;
    }

    /// <summary>Reads <see cref="ToBytes"/>'s encoding.</summary>
    /// <param name="bytes">The encoding.</param>
    /// <returns>The range.</returns>
    /// <exception cref="FormatException">The length does not match the size's number of subtrees.</exception>
    public static CompactRange FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8)
        {
            throw new FormatException("a compact range starts with an 8-byte size");
        }

        var size = BinaryPrimitives.ReadInt64BigEndian(bytes);
        var count = size < 0 ? -1 : BitOperations.PopCount((ulong)size);
        if (count < 0 || bytes.Length != 8 + (count * MerkleHasher.HashSize))
        {
            throw new FormatException($"a compact range of size {size} has {8 + (Math.Max(count, 0) * MerkleHasher.HashSize)} bytes, not {bytes.Length}");
        }

        var range = new CompactRange { Size = size, _count = count };
        bytes[8..].CopyTo(range._hashes);
        return range;
    }

    private Span<byte> Slot(int i) => _hashes.AsSpan(i * MerkleHasher.HashSize, MerkleHasher.HashSize);
}
