namespace NeedToKnow.Core.Consent;

/// <summary>What a <see cref="ConsentEvent"/> records. Stored as its name; the numbers are stable too.</summary>
public enum ConsentEventKind : byte
{
    /// <summary>The user agreed to the declaration items in <see cref="ConsentEvent.Items"/> (keys with the purposes shown).</summary>
    DeclarationGranted = 1,

    /// <summary>The user refused the declaration items in <see cref="ConsentEvent.Items"/>.</summary>
    DeclarationRefused = 2,

    /// <summary>The user authorized <see cref="ConsentEvent.Scope"/> (popup or settings).</summary>
    ScopeGranted = 3,

    /// <summary>The user refused <see cref="ConsentEvent.Scope"/> (popup, or switched it off in settings).</summary>
    ScopeRefused = 4,

    /// <summary>The user withdrew consent for <see cref="ConsentEvent.Items"/> (all declaration items when empty) (PIPL Art. 15).</summary>
    Withdrawn = 5,

    /// <summary>The user removed the app from their list: every consent and refusal for the app is reset (reference §2.3 "Reset").</summary>
    AppRemoved = 6,

    /// <summary>The user re-enabled a refused <see cref="ConsentEvent.Scope"/> in the settings page; the only way back from a scope refusal (reference §2.6).</summary>
    ScopeReEnabled = 7,
}
