using System.Numerics;

namespace NeedToKnow.Core.Audit.Merkle;

/// <summary>
/// Builds roots, inclusion proofs (RFC 9162 §2.1.3.1) and consistency proofs (RFC 9162 §2.1.4.1) for any tree size up
/// to the stored leaf count, from stored perfect-subtree nodes: O(log n) node reads and at most O(log n) hashes for the
/// one ephemeral right-border node a proof can need.
/// </summary>
/// <param name="nodes">The stored nodes.</param>
public sealed class MerkleProofBuilder(IMerkleNodeReader nodes)
{
    /// <summary>The root of the tree of the first <paramref name="size"/> leaves, MTH(D[0:size]) (RFC 9162 §2.1.1).</summary>
    /// <param name="size">The tree size; 0 gives the empty root.</param>
    /// <returns>The 32-byte root.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative or beyond the stored leaves.</exception>
    public byte[] Root(long size)
    {
        CheckSize(size);
        if (size == 0)
        {
            return MerkleHasher.EmptyRoot;
        }

        var result = new byte[MerkleHasher.HashSize];
        RangeHash(0, size, result);
        return result;
    }

    /// <summary>The inclusion proof (audit path, bottom-up) of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves (RFC 9162 §2.1.3.1).</summary>
    /// <param name="index">The leaf index, below <paramref name="size"/>.</param>
    /// <param name="size">The tree size.</param>
    /// <returns>The proof's hashes, 32 bytes each.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index or size is out of range.</exception>
    public byte[][] InclusionProof(long index, long size)
    {
        CheckSize(size);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var length = MerkleVerifier.DecomposeInclusion((ulong)index, (ulong)size);
        var proof = new byte[length.Inner + length.Border][];
        var slot = proof.Length;

        // PATH(m, D[lo:hi]) walked top-down; the siblings are filled from the end so the result is bottom-up.
        long lo = 0, hi = size;
        while (hi - lo > 1)
        {
            var k = LargestPowerOfTwoBelow(hi - lo);
            var sibling = new byte[MerkleHasher.HashSize];
            if (index < lo + k)
            {
                RangeHash(lo + k, hi, sibling);
                hi = lo + k;
            }
            else
            {
                RangeHash(lo, lo + k, sibling);
                lo += k;
            }

            proof[--slot] = sibling;
        }

        return proof;
    }

    /// <summary>The consistency proof between the trees of <paramref name="size1"/> and <paramref name="size2"/> leaves (RFC 9162 §2.1.4.1, SUBPROOF).</summary>
    /// <param name="size1">The earlier size, 1 or more.</param>
    /// <param name="size2">The later size, at least <paramref name="size1"/>.</param>
    /// <returns>The proof's hashes; empty when the sizes are equal.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The sizes are out of range.</exception>
    public byte[][] ConsistencyProof(long size1, long size2)
    {
        CheckSize(size2);
        ArgumentOutOfRangeException.ThrowIfLessThan(size1, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size1, size2);
        var reversed = new List<byte[]>(64);
        long lo = 0, hi = size2;
        var complete = true;
        while (true)
        {
            if (size1 == hi)
            {
                if (!complete)
                {
                    var node = new byte[MerkleHasher.HashSize];
                    RangeHash(lo, hi, node);
                    reversed.Add(node);
                }

                break;
            }

            var k = LargestPowerOfTwoBelow(hi - lo);
            var sibling = new byte[MerkleHasher.HashSize];
            if (size1 <= lo + k)
            {
                RangeHash(lo + k, hi, sibling);
                hi = lo + k;
            }
            else
            {
                RangeHash(lo, lo + k, sibling);
                lo += k;
                complete = false;
            }

            reversed.Add(sibling);
        }

        reversed.Reverse();
        return [.. reversed];
    }

    /// <summary>
    /// MTH(D[lo:hi]) for a range that starts on a multiple of the largest power of two not above its length, as every
    /// range in §2.1.3.1 and §2.1.4.1 does: a perfect range is one stored node; any other is folded right-to-left
    /// from the perfect pieces given by the bits of its length.
    /// </summary>
    private void RangeHash(long lo, long hi, Span<byte> destination)
    {
        var length = (ulong)(hi - lo);
        if (BitOperations.IsPow2(length))
        {
            var level = BitOperations.Log2(length);
            nodes.ReadNode(level, lo >> level, destination);
            return;
        }

        // The smallest piece sits at the right end.
        var bits = length;
        var end = hi;
        var lowest = BitOperations.TrailingZeroCount(bits);
        end -= 1L << lowest;
        nodes.ReadNode(lowest, end >> lowest, destination);
        bits &= bits - 1;
        Span<byte> left = stackalloc byte[MerkleHasher.HashSize];
        while (bits != 0)
        {
            var level = BitOperations.TrailingZeroCount(bits);
            end -= 1L << level;
            nodes.ReadNode(level, end >> level, left);
            MerkleHasher.HashChildren(left, destination, destination);
            bits &= bits - 1;
        }
    }

    private static long LargestPowerOfTwoBelow(long n) => 1L << BitOperations.Log2((ulong)(n - 1));

    private void CheckSize(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, nodes.LeafCount);
    }
}
