namespace NeedToKnow.Core.Gate;

/// <summary>
/// The check of the gate that decided, in the order DESIGN.md runs them ("Gate checks"): the first failing check
/// decides; <see cref="None"/> means every check passed (an <see cref="DecisionKind.Allow"/>).
/// </summary>
public enum GateCheck : byte
{
    /// <summary>No check failed: the call is allowed.</summary>
    None = 0,

    /// <summary>1: the app is live and its privacy APIs are not banned by enforcement.</summary>
    AppStatus = 1,

    /// <summary>2: the API's admission is granted and the developer entity may use the key.</summary>
    Permission = 2,

    /// <summary>3: the key is declared in the app's live privacy declaration.</summary>
    Declaration = 3,

    /// <summary>4: the user consented to the declaration item covering the key (separate consent for SPI).</summary>
    Consent = 4,

    /// <summary>5: the scope the API needs is authorized by the user.</summary>
    Scope = 5,

    /// <summary>6: a user gesture is present where the API needs one.</summary>
    Gesture = 6,

    /// <summary>Not a check: the stores behind the gate are unavailable or too stale, so the gate fails closed.</summary>
    Store = 7,

    /// <summary>Not a check: the gate met an unexpected error and failed closed; the error is in the decision.</summary>
    Internal = 8,
}
