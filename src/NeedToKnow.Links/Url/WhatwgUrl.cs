using System.Diagnostics.CodeAnalysis;

namespace NeedToKnow.Links.Url;

/// <summary>
/// An immutable URL as the WHATWG URL Standard defines it (https://url.spec.whatwg.org/#concept-url), with the
/// getters of the <c>URL</c> API (https://url.spec.whatwg.org/#api). Parse with <see cref="TryParse(string, out WhatwgUrl)"/>
/// or <see cref="Parse(string, WhatwgUrl?)"/>; the setters of the API are the <c>With…</c> methods, which return a new
/// value. Two URLs are equal when their serializations (<see cref="Href"/>) are equal
/// (https://url.spec.whatwg.org/#concept-url-equals).
/// </summary>
/// <remarks>
/// The value keeps only its serialization and the offsets of each component, so a parse allocates the string and
/// this object. Getters other than <see cref="Href"/> return substrings.
/// </remarks>
public sealed partial class WhatwgUrl : IEquatable<WhatwgUrl>
{
    private readonly string _href;
    private readonly int _schemeEnd;
    private readonly int _usernameEnd;
    private readonly int _hostStart;
    private readonly int _hostEnd;
    private readonly int _pathStart;
    private readonly int _queryStart;
    private readonly int _fragmentStart;
    private readonly int _port;
    private readonly UrlHostKind _hostKind;
    private readonly bool _opaquePath;
    private readonly SchemeKind _schemeKind;

    internal WhatwgUrl(string href, int schemeEnd, int usernameEnd, int hostStart, int hostEnd, int pathStart, int queryStart, int fragmentStart, int port, UrlHostKind hostKind, bool opaquePath, SchemeKind schemeKind)
    {
        _href = href;
        _schemeEnd = schemeEnd;
        _usernameEnd = usernameEnd;
        _hostStart = hostStart;
        _hostEnd = hostEnd;
        _pathStart = pathStart;
        _queryStart = queryStart;
        _fragmentStart = fragmentStart;
        _port = port;
        _hostKind = hostKind;
        _opaquePath = opaquePath;
        _schemeKind = schemeKind;
    }

    /// <summary>The serialization (https://url.spec.whatwg.org/#dom-url-href), e.g. <c>https://example.com/a?b#c</c>.</summary>
    public string Href => _href;

    /// <summary>The scheme followed by <c>:</c> (https://url.spec.whatwg.org/#dom-url-protocol), e.g. <c>https:</c>.</summary>
    public string Protocol => _href[..(_schemeEnd + 1)];

    /// <summary>The scheme, lowercase ASCII, without <c>:</c> (https://url.spec.whatwg.org/#concept-url-scheme).</summary>
    public string Scheme => _href[.._schemeEnd];

    /// <summary>The percent-encoded username, or empty (https://url.spec.whatwg.org/#dom-url-username).</summary>
    public string Username => new(UsernameSpan);

    /// <summary>The percent-encoded password, or empty (https://url.spec.whatwg.org/#dom-url-password).</summary>
    public string Password => new(PasswordSpan);

    /// <summary>The serialized host and, when not the scheme's default, <c>:port</c> (https://url.spec.whatwg.org/#dom-url-host); empty when the host is null.</summary>
    public string Host => _hostKind == UrlHostKind.None ? string.Empty : _href[_hostStart..HostPortEnd];

    /// <summary>The serialized host (https://url.spec.whatwg.org/#dom-url-hostname); empty when the host is null or empty.</summary>
    public string Hostname => new(HostnameSpan);

    /// <summary>The port in decimal, or empty when it is null or the scheme's default (https://url.spec.whatwg.org/#dom-url-port).</summary>
    public string Port => _port < 0 ? string.Empty : _href[(_hostEnd + 1)..HostPortEnd];

    /// <summary>The port as a number (0–65535), or null when absent or the scheme's default.</summary>
    public int? PortNumber => _port < 0 ? null : _port;

    /// <summary>The serialized path (https://url.spec.whatwg.org/#dom-url-pathname), e.g. <c>/a/b</c>, or the opaque path.</summary>
    public string Pathname => new(PathSpan);

    /// <summary><c>?</c> and the query, or empty when the query is null or empty (https://url.spec.whatwg.org/#dom-url-search).</summary>
    public string Search => QuerySpan(out var q) && q.Length > 0 ? _href.Substring(_queryStart, q.Length + 1) : string.Empty;

    /// <summary><c>#</c> and the fragment, or empty when the fragment is null or empty (https://url.spec.whatwg.org/#dom-url-hash).</summary>
    public string Hash => _fragmentStart >= 0 && _fragmentStart + 1 < _href.Length ? _href[_fragmentStart..] : string.Empty;

    /// <summary>The query without <c>?</c>, or null when the URL has none (https://url.spec.whatwg.org/#concept-url-query).</summary>
    public string? Query => QuerySpan(out var q) ? new string(q) : null;

    /// <summary>The fragment without <c>#</c>, or null when the URL has none (https://url.spec.whatwg.org/#concept-url-fragment).</summary>
    public string? Fragment => FragmentSpan(out var f) ? new string(f) : null;

    /// <summary>The kind of host: none (null), domain, IPv4, IPv6, opaque or empty.</summary>
    public UrlHostKind HostKind => _hostKind;

    /// <summary>The serialized host (https://url.spec.whatwg.org/#concept-host-serializer), or null when the host is null.</summary>
    public string? SerializedHost => _hostKind == UrlHostKind.None ? null : Hostname;

    /// <summary>True when the path is opaque (a "cannot-be-a-base" URL such as <c>mailto:x</c>; https://url.spec.whatwg.org/#url-opaque-path).</summary>
    public bool HasOpaquePath => _opaquePath;

    /// <summary>True for the special schemes http, https, ws, wss, ftp and file (https://url.spec.whatwg.org/#is-special).</summary>
    public bool IsSpecial => _schemeKind != SchemeKind.NotSpecial;

    /// <summary>True when the username or the password is not empty (https://url.spec.whatwg.org/#include-credentials).</summary>
    public bool IncludesCredentials => _hostKind != UrlHostKind.None && _hostStart > _schemeEnd + 3;

    /// <summary>
    /// The serialized origin (https://url.spec.whatwg.org/#concept-url-origin, #concept-origin-serializer):
    /// <c>scheme://host[:port]</c> for http, https, ws, wss and ftp, the inner URL's origin for <c>blob:</c> URLs over
    /// http(s), else <c>null</c> (an opaque origin).
    /// </summary>
    public string Origin
    {
        get
        {
            switch (_schemeKind)
            {
                case SchemeKind.Http or SchemeKind.Https or SchemeKind.Ws or SchemeKind.Wss or SchemeKind.Ftp:
                    return string.Concat(_href.AsSpan(0, _schemeEnd + 3), _href.AsSpan(_hostStart, HostPortEnd - _hostStart));
                case SchemeKind.NotSpecial when SchemeSpan is "blob":
                    var inner = UrlParser.Parse(Pathname, null);
                    return inner.Url is { _schemeKind: SchemeKind.Http or SchemeKind.Https } url ? url.Origin : "null";
                default:
                    return "null";
            }
        }
    }

    internal ReadOnlySpan<char> SchemeSpan => _href.AsSpan(0, _schemeEnd);

    internal SchemeKind SchemeKind => _schemeKind;

    internal ReadOnlySpan<char> UsernameSpan => _hostKind == UrlHostKind.None ? default : _href.AsSpan(_schemeEnd + 3, _usernameEnd - _schemeEnd - 3);

    internal ReadOnlySpan<char> PasswordSpan => _hostKind != UrlHostKind.None && _hostStart > _usernameEnd && _href[_usernameEnd] == ':'
        ? _href.AsSpan(_usernameEnd + 1, _hostStart - _usernameEnd - 2)
        : default;

    /// <summary>Where <see cref="HostnameSpan"/> starts in <see cref="Href"/>.</summary>
    internal int HostStart => _hostStart;

    internal ReadOnlySpan<char> HostnameSpan => _href.AsSpan(_hostStart, _hostEnd - _hostStart);

    internal ReadOnlySpan<char> PathSpan => _href.AsSpan(_pathStart, PathEnd - _pathStart);

    private int PathEnd => _queryStart >= 0 ? _queryStart : _fragmentStart >= 0 ? _fragmentStart : _href.Length;

    private int HostPortEnd => _port < 0 ? _hostEnd : _hostEnd + 1 + UrlRecord.DigitCount(_port);

    /// <summary>Parses <paramref name="input"/> as an absolute URL.</summary>
    /// <param name="input">The text; any string, at most <see cref="UrlLimits.MaxInputLength"/> UTF-16 code units.</param>
    /// <param name="url">The URL, or null when parsing failed.</param>
    /// <returns>True when <paramref name="input"/> is a valid URL.</returns>
    public static bool TryParse(string? input, [NotNullWhen(true)] out WhatwgUrl? url)
    {
        url = input is null ? null : UrlParser.Parse(input, null).Url;
        return url is not null;
    }

    /// <summary>Parses <paramref name="input"/> against an optional base URL.</summary>
    /// <param name="input">The text; any string, at most <see cref="UrlLimits.MaxInputLength"/> UTF-16 code units.</param>
    /// <param name="baseUrl">The base URL for relative references, or null.</param>
    /// <param name="url">The URL, or null when parsing failed.</param>
    /// <returns>True when <paramref name="input"/> is a valid URL.</returns>
    public static bool TryParse(string? input, WhatwgUrl? baseUrl, [NotNullWhen(true)] out WhatwgUrl? url)
    {
        url = input is null ? null : UrlParser.Parse(input, baseUrl).Url;
        return url is not null;
    }

    /// <summary>
    /// Runs the basic URL parser (https://url.spec.whatwg.org/#concept-basic-url-parser) on <paramref name="input"/>
    /// against <paramref name="baseUrl"/>. Never throws for any input: failure is a result with a reason.
    /// </summary>
    /// <param name="input">The text; longer than <see cref="UrlLimits.MaxInputLength"/> fails with <see cref="UrlParseError.InputTooLong"/>.</param>
    /// <param name="baseUrl">The base URL for relative references, or null.</param>
    /// <returns>The URL or the reason it is not one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static UrlParseResult Parse(string input, WhatwgUrl? baseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return UrlParser.Parse(input, baseUrl);
    }

    /// <summary>Parses <paramref name="input"/> against a base URL given as text (the <c>new URL(input, base)</c> constructor).</summary>
    /// <param name="input">The text to parse.</param>
    /// <param name="baseUrl">The base URL text, or null; when it does not parse, the result is its failure.</param>
    /// <returns>The URL or the reason it is not one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static UrlParseResult Parse(string input, string? baseUrl)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (baseUrl is null)
        {
            return UrlParser.Parse(input, null);
        }

        var parsedBase = UrlParser.Parse(baseUrl, null);
        return parsedBase.Success ? UrlParser.Parse(input, parsedBase.Url) : parsedBase;
    }

    /// <inheritdoc/>
    public bool Equals(WhatwgUrl? other) => other is not null && string.Equals(_href, other._href, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is WhatwgUrl other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_href);

    /// <summary>The serialization, as <see cref="Href"/>.</summary>
    /// <returns><see cref="Href"/>.</returns>
    public override string ToString() => _href;

    internal bool QuerySpan(out ReadOnlySpan<char> query)
    {
        if (_queryStart < 0)
        {
            query = default;
            return false;
        }

        var end = _fragmentStart >= 0 ? _fragmentStart : _href.Length;
        query = _href.AsSpan(_queryStart + 1, end - _queryStart - 1);
        return true;
    }

    internal bool FragmentSpan(out ReadOnlySpan<char> fragment)
    {
        if (_fragmentStart < 0)
        {
            fragment = default;
            return false;
        }

        fragment = _href.AsSpan(_fragmentStart + 1);
        return true;
    }

    internal static WhatwgUrl FromHref(string href, UrlRecord r, bool dotPrefix)
    {
        var schemeEnd = r.Scheme.Length;
        var p = schemeEnd + 1;
        int usernameEnd = p, hostStart = p, hostEnd = p;
        if (r.HostKind != UrlHostKind.None)
        {
            p += 2;
            usernameEnd = p;
            if (r.IncludesCredentials)
            {
                usernameEnd = p + r.Username.Length;
                p = usernameEnd + (r.Password.Length > 0 ? r.Password.Length + 1 : 0) + 1;
            }

            hostStart = p;
            hostEnd = p + r.Host.Length;
            p = hostEnd + (r.Port >= 0 ? 1 + UrlRecord.DigitCount(r.Port) : 0);
        }

        if (dotPrefix)
        {
            p += 2;
        }

        var pathStart = p;
        p += r.Path.Length;
        var queryStart = -1;
        if (r.HasQuery)
        {
            queryStart = p;
            p += 1 + r.Query.Length;
        }

        var fragmentStart = r.HasFragment ? p : -1;
        return new WhatwgUrl(href, schemeEnd, usernameEnd, hostStart, hostEnd, pathStart, queryStart, fragmentStart, r.Port, r.HostKind, r.OpaquePath, r.SchemeKind);
    }
}
