namespace NeedToKnow.Links.Policy;

/// <summary>
/// A link decision (STYLE.md H1): what to do, the reason code, the id of the check or rule that decided, and the
/// facts it was based on. Two decisions are equal when all their properties are.
/// </summary>
/// <remarks>
/// <see cref="LinkPolicy"/> keeps the registrable domain as an offset and a length into <see cref="CanonicalUrl"/>, so
/// that a decision allocates no string of its own; <see cref="RegistrableDomain"/> makes the substring when read.
/// </remarks>
public readonly record struct LinkDecision
{
    private readonly string? _registrable;
    private readonly int _registrableStart;
    private readonly int _registrableLength;

    /// <summary>Creates a decision.</summary>
    /// <param name="kind">Open in the app, copy to a browser, or block.</param>
    /// <param name="reason">The reason code.</param>
    /// <param name="decidedBy">The check or rule that decided.</param>
    /// <param name="canonicalUrl">The canonical URL, or null when unparseable.</param>
    /// <param name="registrableDomain">The registrable domain, or null.</param>
    /// <param name="displayForm">The URL to show the user, or null when unparseable.</param>
    /// <param name="matched">What the deciding check matched, or null.</param>
    public LinkDecision(LinkDecisionKind kind, LinkReason reason, string decidedBy, string? canonicalUrl, string? registrableDomain, string? displayForm, string? matched)
    {
        Kind = kind;
        Reason = reason;
        DecidedBy = decidedBy;
        CanonicalUrl = canonicalUrl;
        _registrable = registrableDomain;
        DisplayForm = displayForm;
        Matched = matched;
    }

    /// <summary>A decision whose registrable domain is <c>canonicalUrl[registrableStart..(registrableStart + registrableLength)]</c> (length 0: none).</summary>
    internal LinkDecision(LinkDecisionKind kind, LinkReason reason, string decidedBy, string canonicalUrl, int registrableStart, int registrableLength, string? displayForm, string? matched)
    {
        Kind = kind;
        Reason = reason;
        DecidedBy = decidedBy;
        CanonicalUrl = canonicalUrl;
        _registrableStart = registrableStart;
        _registrableLength = registrableLength;
        DisplayForm = displayForm;
        Matched = matched;
    }

    /// <summary>Open in the app, copy to a browser, or block.</summary>
    public LinkDecisionKind Kind { get; }

    /// <summary>The reason code.</summary>
    public LinkReason Reason { get; }

    /// <summary>The check or rule that decided: <c>builtin/&lt;check&gt;</c>, <c>rules/&lt;id&gt;</c> or <c>default/&lt;context&gt;</c>.</summary>
    public string DecidedBy { get; }

    /// <summary>The URL as the WHATWG URL Standard serializes it (what the app opens or copies), or null when unparseable.</summary>
    public string? CanonicalUrl { get; }

    /// <summary>
    /// The host's registrable domain (eTLD+1, Public Suffix List, ASCII form), or null (IP address, no host, a public
    /// suffix). Each read of a decision made by <see cref="LinkPolicy"/> returns a new substring of <see cref="CanonicalUrl"/>.
    /// </summary>
    public string? RegistrableDomain => _registrable
        ?? (_registrableLength > 0 ? CanonicalUrl!.Substring(_registrableStart, _registrableLength) : null);

    /// <summary>The URL to show the user: the host in Unicode only where Chromium's IDN rules deem it safe, else in Punycode; null when unparseable.</summary>
    public string? DisplayForm { get; }

    /// <summary>What the deciding check matched: a list entry, a pattern, the imitated domain; or null.</summary>
    public string? Matched { get; }

    /// <summary>The registrable domain without allocating: a span of <see cref="CanonicalUrl"/> (empty when there is none).</summary>
    internal ReadOnlySpan<char> RegistrableDomainSpan => _registrable is not null
        ? _registrable
        : _registrableLength > 0 ? CanonicalUrl.AsSpan(_registrableStart, _registrableLength) : default;

    /// <inheritdoc/>
    public bool Equals(LinkDecision other) =>
        Kind == other.Kind && Reason == other.Reason && string.Equals(DecidedBy, other.DecidedBy, StringComparison.Ordinal)
        && string.Equals(CanonicalUrl, other.CanonicalUrl, StringComparison.Ordinal)
        && (RegistrableDomainSpan.SequenceEqual(other.RegistrableDomainSpan) && HasRegistrableDomain == other.HasRegistrableDomain)
        && string.Equals(DisplayForm, other.DisplayForm, StringComparison.Ordinal) && string.Equals(Matched, other.Matched, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Reason, DecidedBy, CanonicalUrl, string.GetHashCode(RegistrableDomainSpan, StringComparison.Ordinal), DisplayForm, Matched);

    private bool HasRegistrableDomain => _registrable is not null || _registrableLength > 0;
}
