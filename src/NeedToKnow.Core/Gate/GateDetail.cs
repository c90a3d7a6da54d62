namespace NeedToKnow.Core.Gate;

/// <summary>
/// Why the deciding check failed, one level finer than <see cref="GateReason"/>: golden tests and interception
/// records use it to tell, for example, a 104 prompt for a never-asked key from a 104 deny inside the refusal
/// cooldown.
/// </summary>
public enum GateDetail : byte
{
    /// <summary>Nothing to add (an allow, or a check with a single way to fail).</summary>
    None = 0,

    /// <summary>The app is unknown, has no live declaration, or is not live.</summary>
    AppNotLive = 1,

    /// <summary>The platform banned the app's privacy APIs, or this key, by enforcement.</summary>
    Banned = 2,

    /// <summary>The API needs an admission the app does not have.</summary>
    AdmissionMissing = 3,

    /// <summary>The developer's entity type (or verification) may not use the key, e.g. phone number for individuals.</summary>
    EntityNotAllowed = 4,

    /// <summary>The key is not in the live declaration.</summary>
    KeyNotDeclared = 5,

    /// <summary>The user was never asked (or the app was removed from the user's list, which resets consent).</summary>
    NotAsked = 6,

    /// <summary>The user consented under an earlier purpose text; the purpose changed, so fresh consent is needed.</summary>
    PurposeChanged = 7,

    /// <summary>Sensitive personal information needs separate consent and the user's consent was not separate.</summary>
    SeparateConsentMissing = 8,

    /// <summary>The user refused (or withdrew) and the refusal cooldown has passed: ask again.</summary>
    RefusedCooldownOver = 9,

    /// <summary>The user refused (or withdrew) within the cooldown: no prompt again yet (anti-nagging).</summary>
    RefusedInCooldown = 10,

    /// <summary>The scope was never asked for.</summary>
    ScopeNotAsked = 11,

    /// <summary>The user refused the scope; only a settings change re-enables it.</summary>
    ScopeRefused = 12,

    /// <summary>The API needs a user gesture and there was none.</summary>
    GestureMissing = 13,

    /// <summary>The stores were never loaded, or the last successful refresh is older than the staleness bound.</summary>
    StoreUnavailable = 14,

    /// <summary>An unexpected exception; see <see cref="GateDecision.Error"/>.</summary>
    Exception = 15,
}
