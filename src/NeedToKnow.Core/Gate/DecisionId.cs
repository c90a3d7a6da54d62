using System.Globalization;

namespace NeedToKnow.Core.Gate;

/// <summary>
/// The unique id of one gate decision: the node id (0–2047) in bits 52–62 and a per-node sequence in the low 52
/// bits, so ids from different <c>ntk serve</c> nodes never collide. The sequence of a process starts at the
/// milliseconds since 2025-01-01 times 4096, so ids keep growing across restarts unless a node sustained more than
/// 4,096 decisions per millisecond. Interception and prompt records carry it, so an audit entry points back to the
/// decision that caused it.
/// </summary>
/// <param name="Value">The raw 64-bit value; 0 means "no decision".</param>
public readonly record struct DecisionId(long Value)
{
    /// <summary>The node that made the decision (0–2047).</summary>
    public int Node => (int)((ulong)Value >> 52);

    /// <summary>The sequence number of the decision on its node.</summary>
    public long Sequence => Value & 0xF_FFFF_FFFF_FFFF;

    /// <summary>Formats as 16 lowercase hex digits, e.g. <c>0001000000000a2f</c>.</summary>
    /// <returns>The id as text.</returns>
    public override string ToString() => Value.ToString("x16", CultureInfo.InvariantCulture);
}
