using NeedToKnow.Core.Audit.Merkle;

namespace NeedToKnow.Core.Audit;

/// <summary>
/// Offline verification for auditors: a proof is checked against a signed tree head, whose signature binds the tree
/// size to the root. (A bare root does not commit to the size: a proof can also fit a neighbouring size whose tree has
/// the same shape along the path; the signed size closes that gap.)
/// </summary>
public static class AuditProofVerifier
{
    /// <summary>Checks that <paramref name="entry"/> is entry <see cref="InclusionProof.LeafIndex"/> of the log as signed in <paramref name="head"/>.</summary>
    /// <param name="entry">The canonical entry bytes, or empty to trust <see cref="InclusionProof.LeafHash"/>.</param>
    /// <param name="proof">The inclusion proof.</param>
    /// <param name="head">The signed tree head; its size must equal the proof's.</param>
    /// <param name="key">The log's public key.</param>
    /// <returns>Valid, or the problem.</returns>
    public static ProofVerification VerifyInclusion(ReadOnlySpan<byte> entry, InclusionProof proof, SignedTreeHead head, TreeHeadVerifier key)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(key);
        if (!key.Verify(head))
        {
            return ProofVerification.Invalid($"the tree head of size {head.TreeSize} has no valid signature for key {key.KeyId[..16]}");
        }

        if (proof.TreeSize != head.TreeSize)
        {
            return ProofVerification.Invalid($"the proof is for tree size {proof.TreeSize} but the tree head has size {head.TreeSize}");
        }

        if (!entry.IsEmpty && !MerkleHasher.HashLeaf(entry).AsSpan().SequenceEqual(proof.LeafHash))
        {
            return ProofVerification.Invalid("the entry does not hash to the proof's leaf hash");
        }

        if (proof.LeafIndex < 0)
        {
            return ProofVerification.Invalid($"negative leaf index {proof.LeafIndex}");
        }

        return MerkleVerifier.VerifyInclusion((ulong)proof.LeafIndex, (ulong)proof.TreeSize, proof.LeafHash, proof.Hashes, head.RootHash);
    }

    /// <summary>Checks that <paramref name="newer"/> extends <paramref name="older"/> (RFC 9162 §2.1.4.2), both signed by <paramref name="key"/>.</summary>
    /// <param name="proof">The consistency proof between their sizes.</param>
    /// <param name="older">The earlier head.</param>
    /// <param name="newer">The later head.</param>
    /// <param name="key">The log's public key.</param>
    /// <returns>Valid, or the problem.</returns>
    public static ProofVerification VerifyConsistency(ConsistencyProof proof, SignedTreeHead older, SignedTreeHead newer, TreeHeadVerifier key)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        ArgumentNullException.ThrowIfNull(key);
        foreach (var head in new[] { older, newer })
        {
            if (!key.Verify(head))
            {
                return ProofVerification.Invalid($"the tree head of size {head.TreeSize} has no valid signature for key {key.KeyId[..16]}");
            }
        }

        if (proof.Size1 != older.TreeSize || proof.Size2 != newer.TreeSize)
        {
            return ProofVerification.Invalid($"the proof is between sizes {proof.Size1} and {proof.Size2} but the tree heads have sizes {older.TreeSize} and {newer.TreeSize}");
        }

        if (older.TreeSize == 0)
        {
            return ProofVerification.Valid;
        }

        return MerkleVerifier.VerifyConsistency((ulong)older.TreeSize, (ulong)newer.TreeSize, proof.Hashes, older.RootHash, newer.RootHash);
    }
}
