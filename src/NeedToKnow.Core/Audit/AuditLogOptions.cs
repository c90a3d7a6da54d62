namespace NeedToKnow.Core.Audit;

/// <summary>Tuning of the audit log's group commit and publication.</summary>
public sealed record AuditLogOptions
{
    /// <summary>
    /// The most entries committed in one transaction (one fsync). Default 16,384; at most 32,767 (larger values are
    /// capped). Under light load a batch holds only what was queued during the previous commit, so this bounds
    /// batches under heavy load and does not delay a lone append.
    /// </summary>
    public int MaxBatchSize { get; init; } = 16_384;

    /// <summary>
    /// How long the sequencer waits for more entries when a batch is not full (group commit by size or age). Default
    /// zero: commit what is queued at once; entries that arrive during a commit form the next batch.
    /// </summary>
    public TimeSpan MaxBatchDelay { get; init; } = TimeSpan.Zero;

    /// <summary>The most entries waiting for a commit; beyond it appends get <see cref="AuditAppendStatus.Pushback"/>. Default 65,536.</summary>
    public int MaxPendingEntries { get; init; } = 65_536;

    /// <summary>The Retry-After given with a pushback. Default one second.</summary>
    public TimeSpan PushbackRetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the publisher signs a new tree head when the log grew. Default ten seconds.</summary>
    public TimeSpan PublishInterval { get; init; } = TimeSpan.FromSeconds(10);
}
