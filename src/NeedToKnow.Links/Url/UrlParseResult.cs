using System.Diagnostics.CodeAnalysis;

namespace NeedToKnow.Links.Url;

/// <summary>
/// The outcome of <see cref="WhatwgUrl.Parse(string, WhatwgUrl?)"/>: either a URL or the reason for failure. Never
/// both; parsing never throws.
/// </summary>
public readonly struct UrlParseResult
{
    internal UrlParseResult(WhatwgUrl? url, UrlParseError error, int limit = 0, int observed = 0)
    {
        Url = url;
        Error = error;
        Limit = limit;
        Observed = observed;
    }

    /// <summary>The parsed URL, or null on failure.</summary>
    public WhatwgUrl? Url { get; }

    /// <summary>Why parsing failed, or <see cref="UrlParseError.None"/> on success.</summary>
    public UrlParseError Error { get; }

    /// <summary>For <see cref="UrlParseError.InputTooLong"/>: the configured limit in UTF-16 code units; else 0.</summary>
    public int Limit { get; }

    /// <summary>For <see cref="UrlParseError.InputTooLong"/>: the input's length in UTF-16 code units; else 0.</summary>
    public int Observed { get; }

    /// <summary>True when <see cref="Url"/> holds the parsed URL.</summary>
    [MemberNotNullWhen(true, nameof(Url))]
    public bool Success => Url is not null;

    /// <summary>
    /// A one-line message for users (lowercase, no final period), e.g. <c>url is longer than the limit of 1048576
    /// characters (2000000)</c>; empty on success.
    /// </summary>
    public string Message => Error switch
    {
        UrlParseError.None => string.Empty,
        UrlParseError.InputTooLong => $"url is longer than the limit of {Limit} characters ({Observed})",
        UrlParseError.MissingSchemeNonRelativeUrl => "url has no scheme and no usable base url",
        UrlParseError.HostMissing => "url has no host",
        UrlParseError.PortOutOfRange => "url port is above 65535",
        UrlParseError.PortInvalid => "url port is not a number",
        UrlParseError.DomainToAscii => "url host is not a valid internationalized domain name",
        UrlParseError.DomainInvalidCodePoint => "url host has a forbidden character",
        UrlParseError.HostInvalidCodePoint => "url host has a forbidden character",
        UrlParseError.IPv4TooManyParts => "url host is an ipv4 address with more than four parts",
        UrlParseError.IPv4NonNumericPart => "url host is an ipv4 address with a part that is not a number",
        UrlParseError.IPv4OutOfRangePart => "url host is an ipv4 address with a part out of range",
        UrlParseError.IPv6Unclosed => "url host is an ipv6 address without a closing bracket",
        UrlParseError.IPv6Invalid => "url host is not a valid ipv6 address",
        _ => "url is not valid",
    };

    /// <summary>The parsed URL.</summary>
    /// <returns>The URL.</returns>
    /// <exception cref="FormatException">Parsing failed; the message is <see cref="Message"/>.</exception>
    public WhatwgUrl GetUrlOrThrow() => Url ?? throw new FormatException(Message);
}
