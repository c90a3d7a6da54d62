namespace NeedToKnow.Core.Audit;

/// <summary>
/// The audit log could not make the entries durable: its store was unavailable for this batch (<see cref="Stopped"/>
/// false: later appends may succeed, retry after <see cref="RetryAfter"/>), or a commit failed for another reason and
/// the log stopped taking entries (fail closed until it is reopened). The server answers 503 with Retry-After.
/// </summary>
public sealed class AuditLogUnavailableException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed (lowercase, one line).</param>
    /// <param name="stopped">True when the log stopped taking entries.</param>
    /// <param name="retryAfter">How long to wait before retrying.</param>
    /// <param name="innerException">The store's error.</param>
    public AuditLogUnavailableException(string message, bool stopped, TimeSpan retryAfter, Exception? innerException)
        : base(message, innerException)
    {
        Stopped = stopped;
        RetryAfter = retryAfter;
    }

    /// <summary>Creates the exception for a transient failure with a retry of one second.</summary>
    public AuditLogUnavailableException()
        : this("the audit log is unavailable", false, TimeSpan.FromSeconds(1), null)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public AuditLogUnavailableException(string message)
        : this(message, false, TimeSpan.FromSeconds(1), null)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public AuditLogUnavailableException(string message, Exception innerException)
        : this(message, false, TimeSpan.FromSeconds(1), innerException)
    {
    }

    /// <summary>True when the log stopped after a failed commit and must be reopened; false when only this batch failed.</summary>
    public bool Stopped { get; }

    /// <summary>How long to wait before retrying.</summary>
    public TimeSpan RetryAfter { get; }
}
