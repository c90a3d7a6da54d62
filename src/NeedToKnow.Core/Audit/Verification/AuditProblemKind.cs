namespace NeedToKnow.Core.Audit.Verification;

/// <summary>What is wrong with a stored audit log.</summary>
public enum AuditProblemKind
{
    /// <summary>Indexes are missing: rows were deleted.</summary>
    Missing,

    /// <summary>An index occurs twice.</summary>
    Duplicate,

    /// <summary>An entry carries another index than its row: rows were swapped, reordered or copied.</summary>
    Reordered,

    /// <summary>An entry's bytes do not hash to its stored leaf hash: it was changed.</summary>
    Changed,

    /// <summary>An entry's bytes are not a valid encoding.</summary>
    Unreadable,

    /// <summary>The recomputed root differs from a signed tree head's root.</summary>
    RootMismatch,

    /// <summary>A tree head's signature is not valid for the log's key.</summary>
    BadSignature,

    /// <summary>A signed tree head covers entries the log no longer has.</summary>
    Truncated,

    /// <summary>Entries exist past the log's saved tree state: they were appended behind the log's back.</summary>
    AppendedOutsideLog,

    /// <summary>The saved tree state does not match the entries.</summary>
    StateMismatch,

    /// <summary>The log holds entries but no signed tree head to check them against.</summary>
    NoTreeHead,
}
