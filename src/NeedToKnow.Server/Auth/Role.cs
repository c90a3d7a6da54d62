namespace NeedToKnow.Server.Auth;

/// <summary>Who is calling the API. Each API key has one role; user tokens have <see cref="User"/>.</summary>
public enum Role
{
    /// <summary>The platform operator: everything.</summary>
    Operator,

    /// <summary>The host runtime (the super-app's JS bridge): gate decisions and consent on behalf of users.</summary>
    Host,

    /// <summary>A mini-program developer: only its own apps (declarations, packages, findings, statistics).</summary>
    Developer,

    /// <summary>An auditor or regulator: read-only audit log and statistics.</summary>
    Auditor,

    /// <summary>An end user, through a short-lived token the host obtained: only that user's own consents and report.</summary>
    User,
}
