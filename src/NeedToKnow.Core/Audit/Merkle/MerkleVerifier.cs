using System.Numerics;

namespace NeedToKnow.Core.Audit.Merkle;

/// <summary>
/// Verifies Merkle inclusion and consistency proofs (RFC 9162 §2.1.3.2 and §2.1.4.2), and the subtree inclusion and
/// consistency proofs of draft-ietf-plants-merkle-tree-certs ("Subtrees"), against trusted roots. Pure functions:
/// untrusted proofs are checked for shape (sizes, counts, 32-byte hashes) before any hashing, and every failure is a
/// <see cref="ProofVerification"/> value, never an exception.
/// </summary>
public static class MerkleVerifier
{
    /// <summary>Checks that <paramref name="leafHash"/> is leaf <paramref name="index"/> of the tree of <paramref name="size"/> leaves with <paramref name="root"/> (RFC 9162 §2.1.3.2).</summary>
    /// <param name="index">The leaf's zero-based index; must be below <paramref name="size"/>.</param>
    /// <param name="size">The tree size in leaves.</param>
    /// <param name="leafHash">The leaf hash, SHA-256(0x00 || entry); 32 bytes.</param>
    /// <param name="proof">The audit path, bottom-up, 32 bytes each.</param>
    /// <param name="root">The trusted root of the tree of <paramref name="size"/>.</param>
    /// <returns>Valid, or the problem.</returns>
    public static ProofVerification VerifyInclusion(ulong index, ulong size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        var problem = RootFromInclusionProof(index, size, leafHash, proof, out var calculated);
        return problem is not null ? ProofVerification.Invalid(problem) : ProofVerification.Match(calculated, root);
    }

    /// <summary>Computes the root implied by an inclusion proof (RFC 9162 §2.1.3.2).</summary>
    /// <param name="index">The leaf index.</param>
    /// <param name="size">The tree size.</param>
    /// <param name="leafHash">The leaf hash; 32 bytes.</param>
    /// <param name="proof">The audit path, bottom-up.</param>
    /// <param name="root">The calculated root, or empty when the proof is malformed.</param>
    /// <returns>Null, or why no root could be calculated.</returns>
    public static string? RootFromInclusionProof(ulong index, ulong size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, out byte[] root)
    {
        root = [];
        if (index >= size)
        {
            return $"index {index} is beyond the tree size {size}";
        }

        if (leafHash.Length != MerkleHasher.HashSize)
        {
            return $"the leaf hash has {leafHash.Length} bytes, want {MerkleHasher.HashSize}";
        }

        var shape = CheckHashes(proof);
        if (shape is not null)
        {
            return shape;
        }

        var (inner, border) = DecomposeInclusion(index, size);
        if (proof.Count != inner + border)
        {
            return $"the proof has {proof.Count} hashes, want {inner + border}";
        }

        var hash = leafHash.ToArray();
        ChainInner(hash, proof, 0, inner, index);
        ChainBorderRight(hash, proof, inner, border);
        root = hash;
        return null;
    }

    /// <summary>
    /// Checks that the tree of <paramref name="size2"/> leaves with <paramref name="root2"/> extends the tree of
    /// <paramref name="size1"/> with <paramref name="root1"/> (RFC 9162 §2.1.4.2). Requires 0 &lt; size1 &lt;= size2.
    /// </summary>
    /// <param name="size1">The earlier size.</param>
    /// <param name="size2">The later size.</param>
    /// <param name="proof">The consistency proof, 32 bytes per hash.</param>
    /// <param name="root1">The trusted earlier root.</param>
    /// <param name="root2">The trusted later root.</param>
    /// <returns>Valid, or the problem.</returns>
    public static ProofVerification VerifyConsistency(ulong size1, ulong size2, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2)
    {
        if (size2 < size1)
        {
            return ProofVerification.Invalid($"the later size {size2} is below the earlier size {size1}");
        }

        if (size1 == 0)
        {
            return ProofVerification.Invalid("a consistency proof from the empty tree is meaningless");
        }

        if (size1 == size2)
        {
            return proof.Count > 0
                ? ProofVerification.Invalid("the sizes are equal but the proof is not empty")
                : ProofVerification.Match(root1, root2);
        }

        if (proof.Count == 0)
        {
            return ProofVerification.Invalid("the proof is empty");
        }

        var problem = RootFromSubtreeConsistency(0, size1, size2, proof, root1, out var calculated);
        return problem is not null ? ProofVerification.Invalid(problem) : ProofVerification.Match(calculated, root2);
    }

    /// <summary>
    /// Checks a subtree inclusion proof: <paramref name="leafHash"/> is leaf <paramref name="index"/> of the subtree
    /// [<paramref name="start"/>, <paramref name="end"/>) whose root is <paramref name="root"/>
    /// (draft-ietf-plants-merkle-tree-certs, "Subtree Inclusion Proofs").
    /// </summary>
    /// <param name="index">The leaf index in the whole tree.</param>
    /// <param name="start">The subtree's first leaf.</param>
    /// <param name="end">One past the subtree's last leaf.</param>
    /// <param name="leafHash">The leaf hash.</param>
    /// <param name="proof">The proof.</param>
    /// <param name="root">The trusted subtree root.</param>
    /// <returns>Valid, or the problem.</returns>
    public static ProofVerification VerifySubtreeInclusion(ulong index, ulong start, ulong end, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        var invalid = CheckSubtree(start, end);
        if (invalid is not null)
        {
            return ProofVerification.Invalid(invalid);
        }

        if (index < start || index >= end)
        {
            return ProofVerification.Invalid($"index {index} is outside the subtree [{start}, {end})");
        }

        return VerifyInclusion(index - start, end - start, leafHash, proof, root);
    }

    /// <summary>
    /// Checks a subtree consistency proof: the subtree [<paramref name="start"/>, <paramref name="end"/>) with
    /// <paramref name="subtreeRoot"/> is contained in the tree of <paramref name="size"/> leaves with
    /// <paramref name="root"/> (draft-ietf-plants-merkle-tree-certs, "Subtree Consistency Proofs").
    /// </summary>
    /// <param name="start">The subtree's first leaf.</param>
    /// <param name="end">One past the subtree's last leaf.</param>
    /// <param name="size">The tree size.</param>
    /// <param name="proof">The proof.</param>
    /// <param name="subtreeRoot">The trusted subtree root.</param>
    /// <param name="root">The trusted tree root.</param>
    /// <returns>Valid, or the problem.</returns>
    public static ProofVerification VerifySubtreeConsistency(ulong start, ulong end, ulong size, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> subtreeRoot, ReadOnlySpan<byte> root)
    {
        var invalid = CheckSubtree(start, end);
        if (invalid is not null)
        {
            return ProofVerification.Invalid(invalid);
        }

        if (end > size)
        {
            return ProofVerification.Invalid($"the subtree end {end} is beyond the tree size {size}");
        }

        if (start == end)
        {
            if (proof.Count > 0)
            {
                return ProofVerification.Invalid("the subtree is empty but the proof is not");
            }

            return MerkleHasher.IsEmptyRoot(subtreeRoot)
                ? ProofVerification.Valid
                : ProofVerification.Invalid("the subtree is empty but its root is not the empty root");
        }

        if (start == 0 && end == size)
        {
            return proof.Count > 0
                ? ProofVerification.Invalid("the subtree is the whole tree but the proof is not empty")
                : ProofVerification.Match(subtreeRoot, root);
        }

        if (proof.Count == 0)
        {
            return ProofVerification.Invalid("the proof is empty");
        }

        var problem = RootFromSubtreeConsistency(start, end, size, proof, subtreeRoot, out var calculated);
        return problem is not null ? ProofVerification.Invalid(problem) : ProofVerification.Match(calculated, root);
    }

    /// <summary>
    /// A subtree [start, end) is valid when start &lt;= end and start is a multiple of the smallest power of two at
    /// least end - start (draft-ietf-plants-merkle-tree-certs, "Subtrees"); the empty and the prefix subtrees always are.
    /// </summary>
    internal static string? CheckSubtree(ulong start, ulong end)
    {
        if (start > end)
        {
            return $"the subtree start {start} is after its end {end}";
        }

        if (start == 0 || start == end)
        {
            return null;
        }

        var length = end - start;
        if (length > 1UL << 63)
        {
            return $"a subtree of {length} leaves must start at 0";
        }

        var ceiling = BitOperations.RoundUpToPowerOf2(length);
        return (start & (ceiling - 1)) != 0 ? $"the subtree start {start} is not a multiple of {ceiling}" : null;
    }

    // The subtree proof generalises RFC 9162 §2.1.4.2: with start = 0 it is the consistency proof of [0, end) in [0, size).
    private static string? RootFromSubtreeConsistency(ulong start, ulong end, ulong size, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> subtreeRoot, out byte[] root)
    {
        root = [];
        var shape = CheckHashes(proof);
        if (shape is not null)
        {
            return shape;
        }

        if (subtreeRoot.Length != MerkleHasher.HashSize)
        {
            return $"the earlier root has {subtreeRoot.Length} bytes, want {MerkleHasher.HashSize}";
        }

        if (end == size)
        {
            // The subtree's root is on the right border: one left sibling per level where its ancestor is a right child.
            var level = 64 - BitOperations.LeadingZeroCount((end - 1) ^ start);
            var want = BitOperations.PopCount(ShiftRight(start, level));
            if (proof.Count != want)
            {
                return $"the proof has {proof.Count} hashes, want {want}";
            }

            var chained = subtreeRoot.ToArray();
            ChainBorderRight(chained, proof, 0, want);
            root = chained;
            return null;
        }

        var (forkLevel, border) = DecomposeInclusion(end - 1, size);
        var shift = BitOperations.TrailingZeroCount(end - start);
        var inner = forkLevel - shift;
        var perfect = end - start == 1UL << shift;
        var first = perfect ? 0 : 1;
        if (proof.Count != first + inner + border)
        {
            return $"the proof has {proof.Count} hashes, want {first + inner + border}";
        }

        var seed = perfect ? subtreeRoot.ToArray() : (byte[])proof[0].Clone();
        var mask = (end - 1) >> shift;
        if (!perfect)
        {
            // The proof holds nodes inside the subtree: they must rebuild the trusted subtree root first.
            var height = 64 - BitOperations.LeadingZeroCount((end - 1) ^ start);
            var fork = 64 - BitOperations.LeadingZeroCount((end - 1) ^ (size - 1));
            var subInner = Math.Min(height, fork) - shift;
            var subBorder = Math.Max(0, border - BitOperations.PopCount(ShiftRight(end - 1, height)));
            var hash1 = (byte[])seed.Clone();
            for (var i = 0; i < subInner; i++)
            {
                if (((mask >> i) & 1) == 1)
                {
                    MerkleHasher.HashChildren(proof[first + i], hash1, hash1);
                }
            }

            ChainBorderRight(hash1, proof, first + inner, subBorder);
            if (!hash1.AsSpan().SequenceEqual(subtreeRoot))
            {
                return $"calculated earlier root {Convert.ToBase64String(hash1)} does not match expected earlier root {Convert.ToBase64String(subtreeRoot)}";
            }
        }

        ChainInner(seed, proof, first, inner, mask);
        ChainBorderRight(seed, proof, first + inner, border);
        root = seed;
        return null;
    }

    /// <summary>Splits the audit path of leaf <paramref name="index"/> in a tree of <paramref name="size"/> where the paths to index and size - 1 diverge.</summary>
    internal static (int Inner, int Border) DecomposeInclusion(ulong index, ulong size)
    {
        var inner = 64 - BitOperations.LeadingZeroCount(index ^ (size - 1));
        var border = BitOperations.PopCount(ShiftRight(index, inner));
        return (inner, border);
    }

    internal static ulong ShiftRight(ulong value, int bits) => bits >= 64 ? 0 : value >> bits;

    private static string? CheckHashes(IReadOnlyList<byte[]> proof)
    {
        for (var i = 0; i < proof.Count; i++)
        {
            if (proof[i] is null || proof[i].Length != MerkleHasher.HashSize)
            {
                return $"proof hash {i} has {proof[i]?.Length ?? 0} bytes, want {MerkleHasher.HashSize}";
            }
        }

        return null;
    }

    private static void ChainInner(byte[] seed, IReadOnlyList<byte[]> proof, int from, int count, ulong index)
    {
        for (var i = 0; i < count; i++)
        {
            if (((index >> i) & 1) == 0)
            {
                MerkleHasher.HashChildren(seed, proof[from + i], seed);
            }
            else
            {
                MerkleHasher.HashChildren(proof[from + i], seed, seed);
            }
        }
    }

    private static void ChainBorderRight(byte[] seed, IReadOnlyList<byte[]> proof, int from, int count)
    {
        for (var i = 0; i < count; i++)
        {
            MerkleHasher.HashChildren(proof[from + i], seed, seed);
        }
    }
}
