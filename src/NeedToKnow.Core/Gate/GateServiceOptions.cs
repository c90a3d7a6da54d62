namespace NeedToKnow.Core.Gate;

/// <summary>How a <see cref="GateService"/> follows its stores and writes its records.</summary>
public sealed record GateServiceOptions
{
    /// <summary>The gate's own options (anti-nagging, node id).</summary>
    public GateOptions Gate { get; init; } = new();

    /// <summary>How often the service reads declaration changes and new consent events from the stores. Default 1 s.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The staleness bound across nodes: when the last successful refresh is older than this, every decision is a
    /// deny with <see cref="GateReason.StoreUnavailable"/> until a refresh succeeds again (fail closed, DESIGN.md
    /// "Security"). A withdrawal taken on another node is therefore seen here within this bound, or every decision
    /// is denied. Default 5 s. On the node that took it, a withdrawal is seen by the very next decision.
    /// </summary>
    public TimeSpan StalenessBound { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The most interception and prompt records written in one batch. Default 1,000.</summary>
    public int RecordBatchSize { get; init; } = 1000;

    /// <summary>How long a record may wait before its batch is written. Default 100 ms.</summary>
    public TimeSpan RecordFlushInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The most records held while the sink is unavailable; further records are counted in <see cref="GateService.DroppedRecords"/> and dropped. Default 1,000,000.</summary>
    public int MaxPendingRecords { get; init; } = 1_000_000;

    /// <summary>The most consent events read from the ledger per request while following it. Default 10,000.</summary>
    public int FollowBatchSize { get; init; } = 10_000;
}
