namespace NeedToKnow.Core.Gate;

/// <summary>An app with its live declaration version, the unit a <see cref="DeclarationSnapshot"/> is built from.</summary>
/// <param name="App">The app's registry record.</param>
/// <param name="Live">Its live declaration version, or null when it has none (every privacy API is then denied with 1025).</param>
public sealed record LiveAppDeclaration(AppRecord App, DeclarationVersion? Live);
