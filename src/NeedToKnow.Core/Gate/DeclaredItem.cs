namespace NeedToKnow.Core.Gate;

/// <summary>
/// One item of a privacy declaration as the gate reads it: the key, the purpose text the user sees and agrees to,
/// and whether the developer marked it necessary for the service.
/// </summary>
/// <remarks>
/// An item counts as necessary only when it is also in the necessary scope of the app's service category
/// (2021 Provisions on the Scope of Necessary Personal Information); otherwise the gate treats it as optional.
/// </remarks>
/// <param name="Key">The privacy key, e.g. <c>Location</c>, or a custom key.</param>
/// <param name="Purpose">The purpose text, e.g. <c>to show stores near you</c>.</param>
/// <param name="Necessary">True when declared necessary, false when optional.</param>
public sealed record DeclaredItem(string Key, string Purpose, bool Necessary);
