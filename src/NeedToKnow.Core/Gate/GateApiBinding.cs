namespace NeedToKnow.Core.Gate;

/// <summary>One privacy API bound to its key, with the scope and gesture that API needs (reference §1 and §3).</summary>
/// <param name="Api">The API as the host names it, e.g. <c>wx.getFuzzyLocation</c>.</param>
/// <param name="Key">The privacy key it yields, e.g. <c>Location</c>.</param>
/// <param name="Scope">The scope this API needs (overrides the key's), e.g. <c>scope.userFuzzyLocation</c>; null to use the key's.</param>
/// <param name="NeedsGesture">Whether this API needs a user gesture; null to use the key's rule.</param>
public sealed record GateApiBinding(string Api, string Key, string? Scope, bool? NeedsGesture);
