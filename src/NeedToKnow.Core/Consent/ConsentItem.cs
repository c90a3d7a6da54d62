namespace NeedToKnow.Core.Consent;

/// <summary>One declaration item a consent event is about: the key and the fingerprint of the purpose shown.</summary>
/// <param name="Key">The privacy key.</param>
/// <param name="Purpose">The fingerprint of the purpose text the user saw.</param>
public readonly record struct ConsentItem(string Key, PurposeHash Purpose);
