namespace NeedToKnow.Core.Gate;

/// <summary>
/// One question to the gate: may this app, for this user, call this privacy API (or collect this privacy key) now?
/// Passed by <c>in</c> reference; copying is cheap (four references and a time).
/// </summary>
/// <remarks>
/// <see cref="Target"/> is either a privacy API as the catalog binds it (<c>wx.getLocation</c>,
/// <c>button.open-type.getPhoneNumber</c>) or a privacy key (<c>Location</c>, or a custom key the app declared).
/// The gate never sees the personal information itself, only which category is asked for (DESIGN.md "Security").
/// </remarks>
public readonly struct GateRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="appId">The mini-program's app id, e.g. <c>wx0123456789abcdef</c>.</param>
    /// <param name="userId">The pseudonymous user id (an openid-like value, never a phone number or a name).</param>
    /// <param name="target">The privacy API or privacy key asked for.</param>
    /// <param name="userGesture">True when the call follows a user tap (reference §0 "user-gesture requirements").</param>
    /// <param name="time">When the call happens; cooldowns are measured from it.</param>
    /// <exception cref="ArgumentNullException">An id or the target is null.</exception>
    public GateRequest(string appId, string userId, string target, bool userGesture, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(appId);
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(target);
        AppId = appId;
        UserId = userId;
        Target = target;
        UserGesture = userGesture;
        Time = time;
    }

    /// <summary>The mini-program's app id.</summary>
    public string AppId { get; }

    /// <summary>The pseudonymous user id.</summary>
    public string UserId { get; }

    /// <summary>The privacy API (<c>wx.getLocation</c>) or privacy key (<c>Location</c>) asked for.</summary>
    public string Target { get; }

    /// <summary>True when the call follows a user gesture (a tap).</summary>
    public bool UserGesture { get; }

    /// <summary>When the call happens.</summary>
    public DateTimeOffset Time { get; }
}
