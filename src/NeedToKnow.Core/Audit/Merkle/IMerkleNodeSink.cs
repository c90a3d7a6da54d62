namespace NeedToKnow.Core.Audit.Merkle;

/// <summary>Receives every perfect-subtree node as a <see cref="CompactRange"/> completes it, in index order per level.</summary>
public interface IMerkleNodeSink
{
    /// <summary>Stores node (<paramref name="level"/>, <paramref name="index"/>); level 0 is a leaf hash.</summary>
    /// <param name="level">The height above the leaves.</param>
    /// <param name="index">The node's index on its level; one more than the previous on this level.</param>
    /// <param name="hash">32 bytes.</param>
    void AddNode(int level, long index, ReadOnlySpan<byte> hash);
}
