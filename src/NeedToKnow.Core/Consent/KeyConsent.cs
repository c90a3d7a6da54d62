namespace NeedToKnow.Core.Consent;

/// <summary>The current answer of one user for one declaration item (privacy key) of one app.</summary>
/// <param name="Key">The privacy key.</param>
/// <param name="Status">Granted, refused or withdrawn.</param>
/// <param name="Purpose">The fingerprint of the purpose the user answered about.</param>
/// <param name="Separate">True when the grant was a separate consent (required for sensitive personal information, PIPL Art. 29).</param>
/// <param name="DeclarationVersion">The declaration version the answer was given under.</param>
/// <param name="Time">When the user answered.</param>
public readonly record struct KeyConsent(string Key, ConsentStatus Status, PurposeHash Purpose, bool Separate, int DeclarationVersion, DateTimeOffset Time);
