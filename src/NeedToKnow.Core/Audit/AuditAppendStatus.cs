namespace NeedToKnow.Core.Audit;

/// <summary>How an append ended.</summary>
public enum AuditAppendStatus
{
    /// <summary>The entry is durable at <see cref="AuditAppendResult.Index"/>.</summary>
    Appended,

    /// <summary>The log is overloaded: the entry was not taken; retry after <see cref="AuditAppendResult.RetryAfter"/> (the server answers 503 with Retry-After).</summary>
    Pushback,
}
