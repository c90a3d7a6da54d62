namespace NeedToKnow.Core.Audit;

/// <summary>
/// One event of the audit log. It names the privacy key, the app and the reason code, and identifies the user only by
/// a keyed hash of the pseudonymous user id (<see cref="AuditUserHasher"/>), never by the personal information itself
/// (DESIGN.md "Security"). Its canonical bytes are made by <see cref="AuditEntryCodec"/>.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Time">When, kept to the millisecond (UTC).</param>
/// <param name="AppId">The mini-program's app id; at most 256 UTF-8 bytes.</param>
/// <param name="PrivacyKey">The privacy key involved (e.g. <c>Location</c>), or empty; at most 256 UTF-8 bytes.</param>
/// <param name="ReasonCode">The reason code (e.g. <c>112</c>), or empty; at most 256 UTF-8 bytes.</param>
/// <param name="UserHash">HMAC-SHA256 of the pseudonymous user id as 64 lowercase hex digits, or empty when no user is involved.</param>
/// <param name="Outcome">
/// The outcome or detail: for a prompt or a consent event <c>granted</c>, <c>refused</c> or <c>withdrawn</c> (empty
/// while unanswered); for enforcement the action; for a declaration the version. At most 256 UTF-8 bytes.
/// </param>
/// <param name="AppVersion">The app version, or empty; at most 256 UTF-8 bytes.</param>
/// <param name="Api">The privacy API called (e.g. <c>wx.getLocation</c>), or empty; at most 256 UTF-8 bytes.</param>
public sealed record AuditEntry(
    AuditEntryKind Kind,
    DateTimeOffset Time,
    string AppId,
    string PrivacyKey,
    string ReasonCode,
    string UserHash,
    string Outcome = "",
    string AppVersion = "",
    string Api = "");
