namespace NeedToKnow.Core.Audit.Merkle;

/// <summary>
/// Reads stored hashes of perfect subtrees: the node at <c>level</c> and <c>index</c> covers leaves
/// [index·2^level, (index+1)·2^level); level 0 is the leaf hashes. Proofs are built only from such nodes (STYLE.md H16).
/// </summary>
public interface IMerkleNodeReader
{
    /// <summary>The number of leaves whose nodes are stored: every perfect node inside [0, LeafCount) can be read.</summary>
    long LeafCount { get; }

    /// <summary>Copies the hash of node (<paramref name="level"/>, <paramref name="index"/>) into <paramref name="destination"/>.</summary>
    /// <param name="level">The height above the leaves, 0-62.</param>
    /// <param name="index">The node's index on its level.</param>
    /// <param name="destination">At least 32 bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException">The node is not inside the stored leaves.</exception>
    void ReadNode(int level, long index, Span<byte> destination);
}
