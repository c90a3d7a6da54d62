namespace NeedToKnow.Core.Gate;

/// <summary>
/// What the gate needs to know about one privacy key, taken from the catalog: sensitivity, default scope,
/// admission, allowed developer entities and gesture requirement (reference §1, §2.6).
/// </summary>
/// <param name="Key">The privacy key, e.g. <c>PhoneNumber</c>.</param>
/// <param name="Sensitive">True for sensitive personal information (PIPL Art. 28): consent must be separate (Art. 29).</param>
/// <param name="Scope">The scope the key needs when asked for by key, e.g. <c>scope.userLocation</c>; null for none.</param>
/// <param name="NeedsAdmission">True when an app needs the platform's admission to use it (reference §0, gate 1).</param>
/// <param name="AllowedEntityTypes">The developer entity types allowed to use it, or null for every type.</param>
/// <param name="RequiresVerified">True when only verified developers may use it (phone number).</param>
/// <param name="NeedsGesture">True when a call needs a user gesture (phone number).</param>
/// <param name="Ancestors">The key's ancestors in the catalog hierarchy, nearest first; a declaration item for an ancestor covers the key (STYLE.md H18). Null for none.</param>
public sealed record GateKeyRule(
    string Key,
    bool Sensitive,
    string? Scope,
    bool NeedsAdmission,
    IReadOnlyList<string>? AllowedEntityTypes,
    bool RequiresVerified,
    bool NeedsGesture,
    IReadOnlyList<string>? Ancestors = null);
