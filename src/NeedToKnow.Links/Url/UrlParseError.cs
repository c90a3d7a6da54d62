namespace NeedToKnow.Links.Url;

/// <summary>
/// Why parsing failed: the URL Standard's validation errors that return failure
/// (https://url.spec.whatwg.org/#validation-error-failure), plus this library's named limit.
/// </summary>
public enum UrlParseError
{
    /// <summary>No error: the parse succeeded.</summary>
    None = 0,

    /// <summary>The input is longer than <see cref="UrlLimits.MaxInputLength"/> (STYLE.md H10).</summary>
    InputTooLong,

    /// <summary><c>missing-scheme-non-relative-URL</c>: no scheme, and no base URL usable for a relative reference.</summary>
    MissingSchemeNonRelativeUrl,

    /// <summary><c>host-missing</c>: a special URL, or a URL with credentials or a port, has an empty host.</summary>
    HostMissing,

    /// <summary><c>port-out-of-range</c>: the port is above 65535.</summary>
    PortOutOfRange,

    /// <summary><c>port-invalid</c>: the port has a character that is not an ASCII digit.</summary>
    PortInvalid,

    /// <summary><c>domain-to-ASCII</c>: UTS #46 ToASCII failed on the host (https://url.spec.whatwg.org/#concept-domain-to-ascii).</summary>
    DomainToAscii,

    /// <summary><c>domain-invalid-code-point</c>: the host has a forbidden domain code point (https://url.spec.whatwg.org/#forbidden-domain-code-point).</summary>
    DomainInvalidCodePoint,

    /// <summary><c>host-invalid-code-point</c>: an opaque host has a forbidden host code point (https://url.spec.whatwg.org/#forbidden-host-code-point).</summary>
    HostInvalidCodePoint,

    /// <summary><c>IPv4-too-many-parts</c>: a host that ends in a number has more than four dot-separated parts.</summary>
    IPv4TooManyParts,

    /// <summary><c>IPv4-non-numeric-part</c>: a host that ends in a number has a part that is not a number.</summary>
    IPv4NonNumericPart,

    /// <summary><c>IPv4-out-of-range-part</c>: an IPv4 part is too large.</summary>
    IPv4OutOfRangePart,

    /// <summary><c>IPv6-unclosed</c>: the host starts with <c>[</c> and does not end with <c>]</c>.</summary>
    IPv6Unclosed,

    /// <summary>One of the IPv6 parser's failures (<c>IPv6-invalid-compression</c>, <c>IPv6-too-many-pieces</c>,
    /// <c>IPv6-multiple-compression</c>, <c>IPv6-invalid-code-point</c>, <c>IPv6-too-few-pieces</c> and the
    /// <c>IPv4-in-IPv6-*</c> errors; https://url.spec.whatwg.org/#concept-ipv6-parser).</summary>
    IPv6Invalid,
}
