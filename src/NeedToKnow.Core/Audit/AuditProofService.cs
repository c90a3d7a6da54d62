using NeedToKnow.Core.Audit.Merkle;

namespace NeedToKnow.Core.Audit;

/// <summary>Proof serving (STYLE.md H16): inclusion and consistency proofs for any durable tree size, built from stored nodes.</summary>
/// <param name="integrator">The durable tree.</param>
public sealed class AuditProofService(AuditIntegrator integrator)
{
    private readonly MerkleProofBuilder _builder = new(integrator.Nodes);

    /// <summary>The inclusion proof of entry <paramref name="index"/> in the tree of <paramref name="treeSize"/> entries.</summary>
    /// <param name="index">The entry index.</param>
    /// <param name="treeSize">The tree size, at most the durable size (e.g. a signed tree head's).</param>
    /// <returns>The proof.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index or size is out of range.</exception>
    public InclusionProof ProveInclusion(long index, long treeSize)
    {
        var hashes = _builder.InclusionProof(index, treeSize);
        var leaf = new byte[MerkleHasher.HashSize];
        integrator.Nodes.ReadNode(0, index, leaf);
        return new InclusionProof(index, treeSize, leaf, hashes);
    }

    /// <summary>The consistency proof between two durable tree sizes.</summary>
    /// <param name="size1">The earlier size, 1 or more.</param>
    /// <param name="size2">The later size.</param>
    /// <returns>The proof.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The sizes are out of range.</exception>
    public ConsistencyProof ProveConsistency(long size1, long size2) => new(size1, size2, _builder.ConsistencyProof(size1, size2));

    /// <summary>The root of the tree of <paramref name="treeSize"/> entries.</summary>
    /// <param name="treeSize">At most the durable size.</param>
    /// <returns>32 bytes.</returns>
    public byte[] Root(long treeSize) => _builder.Root(treeSize);
}
