namespace NeedToKnow.Core.Consent;

/// <summary>The latest answer a user gave about one declaration item or one scope of one app.</summary>
public enum ConsentStatus : byte
{
    /// <summary>Agreed (or authorized).</summary>
    Granted = 1,

    /// <summary>Refused; the refusal cooldown runs from <c>Time</c>.</summary>
    Refused = 2,

    /// <summary>Agreed earlier and withdrew since; treated as a refusal at the withdrawal time (no prompt right after a withdrawal).</summary>
    Withdrawn = 3,
}
