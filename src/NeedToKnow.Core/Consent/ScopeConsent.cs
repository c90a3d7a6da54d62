namespace NeedToKnow.Core.Consent;

/// <summary>The current answer of one user for one scope of one app.</summary>
/// <param name="Scope">The scope, e.g. <c>scope.userLocation</c>.</param>
/// <param name="Status">Granted or refused.</param>
/// <param name="Time">When the user answered.</param>
public readonly record struct ScopeConsent(string Scope, ConsentStatus Status, DateTimeOffset Time);
