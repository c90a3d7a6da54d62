namespace NeedToKnow.Review.Reports;

/// <summary>What the review read: per file kind (<c>javascript</c>, <c>typescript</c>, <c>wxml</c>, <c>wxs</c>, <c>json</c>), files parsed, fallen back and skipped; nothing is skipped silently.</summary>
/// <param name="Kinds">Coverage by kind name, ordered by name.</param>
/// <param name="InlineScripts">Inline <c>&lt;wxs&gt;</c> bodies analysed as scripts.</param>
public sealed record ReviewCoverage(IReadOnlyDictionary<string, KindCoverage> Kinds, int InlineScripts);
