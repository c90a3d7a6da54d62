namespace NeedToKnow.Core.Gate;

/// <summary>
/// Hands out <see cref="DecisionId"/>s cheaply: each thread takes a block of 4,096 sequence numbers with one
/// interlocked add and then counts locally, so the decision path has no contended write.
/// </summary>
internal sealed class DecisionIdSource
{
    private const int BlockSize = 4096;
    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [ThreadStatic]
    private static Block? t_block;

    private readonly long _nodeBits;
    private long _nextBlock;

    internal DecisionIdSource(int node, DateTimeOffset now)
    {
        if ((uint)node > 2047)
        {
            throw new ArgumentOutOfRangeException(nameof(node), node, "the node id is 0 to 2047");
        }

        _nodeBits = (long)node << 52;
        var ms = Math.Max(0, (long)(now - Epoch).TotalMilliseconds);
        _nextBlock = (ms << 12) & 0xF_FFFF_FFFF_FFFF;
    }

    internal DecisionId Next()
    {
        var block = t_block;
        if (block is null || !ReferenceEquals(block.Owner, this) || block.Next >= block.End)
        {
            block = Refill();
        }

        return new DecisionId(_nodeBits | block.Next++);
    }

    private Block Refill()
    {
        var end = Interlocked.Add(ref _nextBlock, BlockSize);
        var block = t_block ??= new Block();
        block.Owner = this;
        block.Next = end - BlockSize + 1;
        block.End = end + 1;
        return block;
    }

    private sealed class Block
    {
        public DecisionIdSource? Owner;
        public long Next;
        public long End;
    }
}
