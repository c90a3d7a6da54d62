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
    private static DecisionIdSource? t_owner;

    [ThreadStatic]
    private static long t_next;

    [ThreadStatic]
    private static long t_end;

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
        if (!ReferenceEquals(t_owner, this) || t_next >= t_end)
        {
            Refill();
        }

        return new DecisionId(_nodeBits | t_next++);
    }

    private void Refill()
    {
        var end = Interlocked.Add(ref _nextBlock, BlockSize);
        t_owner = this;
        t_next = end - BlockSize + 1;
        t_end = end + 1;
    }
}
