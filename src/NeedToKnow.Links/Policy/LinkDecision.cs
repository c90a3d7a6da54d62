namespace NeedToKnow.Links.Policy;

/// <summary>
/// A link decision (STYLE.md H1): what to do, the reason code, the id of the check or rule that decided, and the
/// facts it was based on.
/// </summary>
/// <param name="Kind">Open in the app, copy to a browser, or block.</param>
/// <param name="Reason">The reason code.</param>
/// <param name="DecidedBy">The check or rule that decided: <c>builtin/&lt;check&gt;</c>, <c>rules/&lt;id&gt;</c> or <c>default/&lt;context&gt;</c>.</param>
/// <param name="CanonicalUrl">The URL as the WHATWG URL Standard serializes it (what the app opens or copies), or null when unparseable.</param>
/// <param name="RegistrableDomain">The host's registrable domain (eTLD+1, Public Suffix List, ASCII form), or null (IP address, no host, a public suffix).</param>
/// <param name="DisplayForm">The URL to show the user: the host in Unicode only where Chromium's IDN rules deem it safe, else in Punycode; null when unparseable.</param>
/// <param name="Matched">What the deciding check matched: a list entry, a pattern, the imitated domain; or null.</param>
public readonly record struct LinkDecision(
    LinkDecisionKind Kind,
    LinkReason Reason,
    string DecidedBy,
    string? CanonicalUrl,
    string? RegistrableDomain,
    string? DisplayForm,
    string? Matched);
