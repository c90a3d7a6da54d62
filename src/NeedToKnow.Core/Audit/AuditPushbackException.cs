namespace NeedToKnow.Core.Audit;

/// <summary>The audit log is overloaded and did not take the entries; retry after <see cref="RetryAfter"/> (the server answers 503 with Retry-After).</summary>
public sealed class AuditPushbackException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="retryAfter">How long to wait.</param>
    public AuditPushbackException(TimeSpan retryAfter)
        : base($"the audit log is overloaded: retry after {retryAfter.TotalSeconds:0.###} s")
    {
        RetryAfter = retryAfter;
    }

    /// <summary>Creates the exception with a retry of one second.</summary>
    public AuditPushbackException()
        : this(TimeSpan.FromSeconds(1))
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public AuditPushbackException(string message)
        : base(message)
    {
        RetryAfter = TimeSpan.FromSeconds(1);
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public AuditPushbackException(string message, Exception innerException)
        : base(message, innerException)
    {
        RetryAfter = TimeSpan.FromSeconds(1);
    }

    /// <summary>How long to wait before retrying.</summary>
    public TimeSpan RetryAfter { get; }
}
