namespace NeedToKnow.Links.Url;

/// <summary>
/// The kind of a URL's host, after the URL Standard's host concept
/// (https://url.spec.whatwg.org/#concept-host).
/// </summary>
public enum UrlHostKind
{
    /// <summary>The URL has no host (null host), e.g. <c>mailto:a@b</c> or <c>data:,x</c>.</summary>
    None = 0,

    /// <summary>A domain: ASCII, lowercase, after UTS #46 ToASCII (https://url.spec.whatwg.org/#concept-domain).</summary>
    Domain,

    /// <summary>An IPv4 address, serialized dotted-decimal (https://url.spec.whatwg.org/#concept-ipv4).</summary>
    IPv4,

    /// <summary>An IPv6 address, serialized in brackets, compressed (https://url.spec.whatwg.org/#concept-ipv6).</summary>
    IPv6,

    /// <summary>An opaque host of a non-special URL, percent-encoded (https://url.spec.whatwg.org/#opaque-host).</summary>
    Opaque,

    /// <summary>The empty host, e.g. <c>file:///tmp</c> (https://url.spec.whatwg.org/#empty-host).</summary>
    Empty,
}
