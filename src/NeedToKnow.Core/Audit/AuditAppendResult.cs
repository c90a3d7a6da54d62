namespace NeedToKnow.Core.Audit;

/// <summary>The result of <see cref="AuditSequencer.AppendAsync"/>: a durable index, or a typed pushback (STYLE.md H16, after Tessera's <c>ErrPushback</c>).</summary>
/// <param name="Status">Appended or pushed back.</param>
/// <param name="Index">The entry's index when appended; -1 on pushback.</param>
/// <param name="RetryAfter">How long to wait before retrying on pushback; zero when appended.</param>
public readonly record struct AuditAppendResult(AuditAppendStatus Status, long Index, TimeSpan RetryAfter)
{
    /// <summary>True when the entry is durable.</summary>
    public bool IsAppended => Status == AuditAppendStatus.Appended;
}
