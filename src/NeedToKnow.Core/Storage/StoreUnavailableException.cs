namespace NeedToKnow.Core.Storage;

/// <summary>
/// The store behind a storage port cannot be reached or cannot take the operation now (server down, connection
/// refused or cut, database file locked past the timeout, disk I/O error, disk full). Every storage port throws this
/// type, and only this type, for such conditions; the gate turns it into a fail-closed <c>Deny</c> with its own reason
/// code (DESIGN.md "Security": never <c>Allow</c>) and retries the store on the next decision, so it recovers by
/// itself when the store returns.
/// </summary>
/// <remarks>
/// A write that threw this exception was not acknowledged: it either did not happen or happened completely (each
/// port write is one transaction), never half. Callers may retry it; appends carry their own ids so a retry is safe
/// where the port says so.
/// </remarks>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, lowercase, one line, e.g. <c>store unavailable: connection refused</c>.</param>
    /// <param name="innerException">The driver's exception.</param>
    public StoreUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public StoreUnavailableException()
        : base("store unavailable")
    {
    }
}
