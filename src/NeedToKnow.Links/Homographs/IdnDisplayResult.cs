namespace NeedToKnow.Links.Homographs;

/// <summary>How to show a host to a user.</summary>
/// <param name="DisplayForm">The host with every safe <c>xn--</c> label decoded to Unicode and every other label left as it was.</param>
/// <param name="Verdict">The worst label verdict.</param>
/// <param name="Reason">Why the first unsafe or invalid label is so (a stable kebab-case code such as <c>mixed-script</c>,
/// <c>whole-script-confusable</c>, <c>top-domain-lookalike</c>), or null when safe.</param>
public readonly record struct IdnDisplayResult(string DisplayForm, IdnVerdict Verdict, string? Reason);
