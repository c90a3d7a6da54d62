using System.Diagnostics.CodeAnalysis;
using System.Text;
using NeedToKnow.Links.Text;

namespace NeedToKnow.Links.SafeBrowsing;

/// <summary>
/// A URL in the canonical form of Google Safe Browsing v4 ("URLs and hashing", section "Canonicalization",
/// https://developers.google.com/safe-browsing/v4/urls-hashing#canonicalization), and the host-suffix /
/// path-prefix expressions built from it ("Suffix/prefix expressions") for matching against block lists.
/// </summary>
/// <remarks>
/// <para>This is deliberately <em>not</em> the WHATWG URL Standard: Safe Browsing predates it and canonicalizes
/// as legacy browsers did (repeated percent-unescaping, then escaping once; dotted, decimal, hex and octal IPv4
/// forms; a missing scheme means <c>http</c>; the fragment is dropped). The behaviour is checked against the 106
/// vectors extracted from google/safebrowsing <c>urls_test.go</c> (<c>../shared/conformance/safebrowsing</c>),
/// where <see cref="CanonicalUrl"/> leaves the query out as that implementation's <c>canonicalURL</c> does; the
/// query is kept in <see cref="Query"/> and in the expressions.</para>
/// <para>Input is processed as UTF-8 bytes; the <see cref="TryParse(ReadOnlySpan{byte}, out SafeBrowsingUrl?)"/>
/// overload takes raw bytes for input that is not valid UTF-8.</para>
/// </remarks>
public sealed class SafeBrowsingUrl
{
    /// <summary>Longest input accepted, in bytes (longer input fails to parse rather than costing time).</summary>
    public const int MaxInputBytes = 64 * 1024;

    // "URLs and hashing": unescape until nothing changes; the reference implementation stops at 1024 rounds.
    private const int MaxUnescapeRounds = 1024;

    // "Suffix/prefix expressions": at most 5 host forms (the exact host + 4 suffixes built from the last 5
    // components) and 6 paths (exact path with query, exact path, and 4 prefixes from the root).
    private const int MaxHostComponents = 7, MaxPathComponents = 4;

    private SafeBrowsingUrl(string scheme, string host, string path, string query)
    {
        Scheme = scheme;
        Host = host;
        Path = path;
        Query = query;
    }

    /// <summary>The scheme as written (<c>http</c> when the input had none).</summary>
    public string Scheme { get; }

    /// <summary>The canonical host: lower-case, Punycode for Unicode labels, no empty labels, IPv4 in dotted decimal, IPv6 in brackets.</summary>
    public string Host { get; }

    /// <summary>The canonical path, starting with <c>/</c>: <c>.</c> and <c>..</c> resolved, repeated slashes collapsed.</summary>
    public string Path { get; }

    /// <summary>The query without its <c>?</c>, escaped like the path; empty when absent or empty.</summary>
    public string Query { get; }

    /// <summary><c>scheme://host/path</c>, without the query and the fragment (as the vectors expect).</summary>
    public string CanonicalUrl => Scheme + "://" + Host + Path;

    /// <summary>Parses and canonicalizes <paramref name="url"/> (its UTF-8 bytes).</summary>
    /// <param name="url">A URL as a user or a block list wrote it; a missing scheme means <c>http</c>.</param>
    /// <param name="result">The canonical URL.</param>
    /// <returns>False when there is no host, the scheme is not followed by <c>//</c>, the input exceeds <see cref="MaxInputBytes"/>, or unescaping does not settle.</returns>
    public static bool TryParse(string url, [NotNullWhen(true)] out SafeBrowsingUrl? result)
    {
        ArgumentNullException.ThrowIfNull(url);
        result = null;
        return url.Length <= MaxInputBytes && TryParse(Encoding.UTF8.GetBytes(url), out result);
    }

    /// <summary>Parses and canonicalizes raw bytes (for input that is not valid UTF-8).</summary>
    /// <param name="url">The URL's bytes.</param>
    /// <param name="result">The canonical URL.</param>
    /// <returns>False as for <see cref="TryParse(string, out SafeBrowsingUrl?)"/>.</returns>
    public static bool TryParse(ReadOnlySpan<byte> url, [NotNullWhen(true)] out SafeBrowsingUrl? result)
    {
        result = null;
        if (url.Length > MaxInputBytes)
        {
            return false;
        }

        // Drop the fragment, trim surrounding whitespace, remove tab, CR and LF.
        var hash = url.IndexOf((byte)'#');
        if (hash >= 0)
        {
            url = url[..hash];
        }

        url = url.Trim(" \t\r\n\v\f"u8);
        var bytes = new List<byte>(url.Length);
        foreach (var b in url)
        {
            if (b is not ((byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                bytes.Add(b);
            }
        }

        var unescaped = UnescapeRepeatedly(bytes.ToArray());
        if (unescaped is null)
        {
            return false;
        }

        var rest = Escape(unescaped);
        var (scheme, afterScheme) = SplitScheme(rest);
        var queryAt = afterScheme.IndexOf('?');
        var query = queryAt < 0 ? "" : afterScheme[(queryAt + 1)..];
        var beforeQuery = queryAt < 0 ? afterScheme : afterScheme[..queryAt];
        string hostish, path;
        if (scheme.Length == 0)
        {
            scheme = "http";
            (hostish, path) = SplitAtSlash(beforeQuery);
        }
        else if (beforeQuery.StartsWith("//", StringComparison.Ordinal))
        {
            (hostish, path) = SplitAtSlash(beforeQuery[2..]);
        }
        else
        {
            return false; // a scheme without an authority, e.g. mailto:
        }

        if (hostish.Length == 0)
        {
            return false;
        }

        var host = CanonicalHost(hostish);
        if (host is null || host.Length == 0)
        {
            return false;
        }

        result = new SafeBrowsingUrl(scheme, host, CleanPath(path), query);
        return true;
    }

    /// <summary>
    /// The host forms to look up: the exact host, then suffixes formed from the last five components, never the
    /// last component alone; an IP address is looked up as is ("Suffix/prefix expressions").
    /// </summary>
    /// <returns>E.g. <c>a.b.c.com</c>, <c>b.c.com</c>, <c>c.com</c>.</returns>
    public IReadOnlyList<string> LookupHosts()
    {
        if (IsIpAddress(Host))
        {
            return [Host];
        }

        var parts = Host.Split('.');
        var hosts = new List<string> { Host };
        for (var i = Math.Max(1, parts.Length - MaxHostComponents); i < parts.Length - 1; i++)
        {
            hosts.Add(string.Join('.', parts, i, parts.Length - i));
        }

        return hosts;
    }

    /// <summary>
    /// The path forms to look up: <c>/</c>, up to three further prefixes ending in <c>/</c>, the exact path, and the
    /// exact path with the query ("Suffix/prefix expressions").
    /// </summary>
    /// <returns>E.g. <c>/</c>, <c>/a/</c>, <c>/a/b/</c>, <c>/a/b/c.html</c>, <c>/a/b/c.html?x=1</c>.</returns>
    public IReadOnlyList<string> LookupPaths()
    {
        var paths = new List<string> { "/" };
        var components = Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var count = Math.Min(components.Length, MaxPathComponents);
        for (var i = 1; i < count; i++)
        {
            paths.Add("/" + string.Join('/', components, 0, i) + "/");
        }

        if (Path != "/")
        {
            paths.Add(Path);
        }

        if (Query.Length > 0)
        {
            paths.Add(Path + "?" + Query);
        }

        return paths;
    }

    /// <summary>Every host-suffix / path-prefix expression (each host form followed by each path form), as hashed for Safe Browsing lookups.</summary>
    /// <returns>E.g. <c>a.b.c/1/2.html?param=1/2</c>, <c>a.b.c/1/2.html</c>, <c>a.b.c/1/</c>, <c>a.b.c/</c>, <c>b.c/1/2.html?param=1/2</c>...</returns>
    public IReadOnlyList<string> Expressions()
    {
        var hosts = LookupHosts();
        var paths = LookupPaths();
        var result = new List<string>(hosts.Count * paths.Count);
        foreach (var h in hosts)
        {
            foreach (var p in paths)
            {
                result.Add(h + p);
            }
        }

        return result;
    }

    /// <inheritdoc cref="CanonicalUrl"/>
    public override string ToString() => CanonicalUrl;

    /// <summary>
    /// Canonicalizes a host that may be an IPv4 address in any legacy form (1 to 4 parts, each decimal, octal with a
    /// leading <c>0</c> or hex with <c>0x</c>; the last part fills the remaining bytes); a 4-part dotted decimal
    /// address followed by a space and anything, up to 15 characters, counts as that address.
    /// </summary>
    /// <returns>The dotted-decimal address, or an empty string when it is not an IPv4 address.</returns>
    internal static string ParseIPAddress(string host)
    {
        if (host.Length <= 15)
        {
            var space = host.IndexOf(' ');
            if (space > 0 && IsDottedQuadPrefix(host.AsSpan(0, space)))
            {
                host = host[..space];
            }
        }

        if (host.Length == 0 || !IsPossibleIp(host))
        {
            return "";
        }

        var parts = host.Split('.');
        if (parts.Length > 4)
        {
            return "";
        }

        var sb = new StringBuilder(15);
        for (var i = 0; i < parts.Length; i++)
        {
            var bytesInPart = i == parts.Length - 1 ? 5 - parts.Length : 1;
            if (!TryParseNumber(parts[i], out var value))
            {
                return "";
            }

            for (var b = bytesInPart - 1; b >= 0; b--)
            {
                if (sb.Length > 0)
                {
                    sb.Append('.');
                }

                sb.Append((value >> (8 * b)) & 0xFF);
            }
        }

        return sb.ToString();
    }

    private static bool IsDottedQuadPrefix(ReadOnlySpan<char> s)
    {
        var parts = 0;
        var digits = 0;
        foreach (var c in s)
        {
            if (c == '.')
            {
                if (digits == 0)
                {
                    return false;
                }

                parts++;
                digits = 0;
            }
            else if (char.IsAsciiDigit(c) && digits < 3)
            {
                digits++;
            }
            else
            {
                return false;
            }
        }

        return parts == 3 && digits > 0;
    }

    // Tokens of "0x" + hex digits, or single digits and dots (case-insensitive), as the reference's possible-IP pattern.
    private static bool IsPossibleIp(string s)
    {
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] == '0' && i + 2 < s.Length && (s[i + 1] is 'x' or 'X') && char.IsAsciiHexDigit(s[i + 2]))
            {
                i += 2;
                while (i < s.Length && char.IsAsciiHexDigit(s[i]))
                {
                    i++;
                }
            }
            else if (char.IsAsciiDigit(s[i]) || s[i] == '.')
            {
                i++;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    // An unsigned 32-bit number with a base prefix: 0x hex, leading 0 octal, else decimal.
    private static bool TryParseNumber(string s, out uint value)
    {
        value = 0;
        int radix = 10, start = 0;
        if (s.Length > 2 && s[0] == '0' && (s[1] is 'x' or 'X'))
        {
            radix = 16;
            start = 2;
        }
        else if (s.Length > 1 && s[0] == '0')
        {
            radix = 8;
            start = 1;
        }

        if (s.Length == start)
        {
            return false;
        }

        ulong v = 0;
        for (var i = start; i < s.Length; i++)
        {
            var d = s[i] switch
            {
                >= '0' and <= '9' => s[i] - '0',
                >= 'a' and <= 'f' => s[i] - 'a' + 10,
                >= 'A' and <= 'F' => s[i] - 'A' + 10,
                _ => 99,
            };
            if (d >= radix)
            {
                return false;
            }

            v = (v * (ulong)radix) + (ulong)d;
            if (v > uint.MaxValue)
            {
                return false;
            }
        }

        value = (uint)v;
        return true;
    }

    private static bool IsIpAddress(string host)
    {
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            return true;
        }

        var parts = host.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var p in parts)
        {
            if (p.Length is 0 or > 3 || !int.TryParse(p, out var n) || n > 255 || p.AsSpan().ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }
        }

        return true;
    }

    private static string? CanonicalHost(string hostish)
    {
        var at = hostish.LastIndexOf('@');
        var host = at < 0 ? hostish : hostish[(at + 1)..];
        if (host.StartsWith('[') && host.LastIndexOf(']') < 0)
        {
            return null;
        }

        host = RemovePorts(host);

        // Internationalized host names go to Punycode (the reference uses the plain Punycode profile: no mapping).
        var raw = Unescape(Encoding.Latin1.GetBytes(host));
        if (raw.AsSpan().IndexOfAnyInRange((byte)0x81, (byte)0xFF) >= 0)
        {
            var unicode = Encoding.UTF8.GetString(raw);
            var labels = unicode.Split('.');
            for (var i = 0; i < labels.Length; i++)
            {
                if (labels[i].AsSpan().ContainsAnyExceptInRange((char)0, (char)0x7F))
                {
                    var encoded = Punycode.Encode(labels[i]);
                    if (encoded is null)
                    {
                        return null;
                    }

                    labels[i] = "xn--" + encoded;
                }
            }

            host = string.Join('.', labels);
        }

        // Collapse runs of dots and trim dots at both ends.
        var sb = new StringBuilder(host.Length);
        foreach (var c in host)
        {
            if (c != '.' || (sb.Length > 0 && sb[^1] != '.'))
            {
                sb.Append(c);
            }
        }

        host = sb.ToString().Trim('.');
        var ip = ParseIPAddress(host);
        return ip.Length > 0 ? ip : host.ToLowerInvariant();
    }

    // Removes every ":digits" that is followed by "/" or the end (a port).
    private static string RemovePorts(string host)
    {
        var sb = new StringBuilder(host.Length);
        var i = 0;
        while (i < host.Length)
        {
            if (host[i] == ':')
            {
                var j = i + 1;
                while (j < host.Length && char.IsAsciiDigit(host[j]))
                {
                    j++;
                }

                if (j > i + 1 && (j == host.Length || host[j] == '/'))
                {
                    i = j == host.Length ? j : j + 1;
                    continue;
                }
            }

            sb.Append(host[i]);
            i++;
        }

        return sb.ToString();
    }

    // The scheme is the leading run of letters (then letters, digits, "+", "-", ".") before a ":" that does not start a port.
    private static (string Scheme, string Remainder) SplitScheme(string url)
    {
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (char.IsAsciiLetter(c))
            {
                continue;
            }

            if (char.IsAsciiDigit(c) || c is '+' or '-' or '.')
            {
                if (i == 0)
                {
                    return ("", url);
                }

                continue;
            }

            if (c == ':')
            {
                var j = i + 1;
                while (j < url.Length && char.IsAsciiDigit(url[j]))
                {
                    j++;
                }

                var isPort = j > i + 1 && (j == url.Length || url[j] == '/');
                if (!isPort)
                {
                    return (url[..i], url[(i + 1)..]);
                }

                continue;
            }

            return ("", url);
        }

        return ("", url);
    }

    private static (string Host, string Path) SplitAtSlash(string s)
    {
        var slash = s.IndexOf('/');
        return slash < 0 ? (s, "") : (s[..slash], s[slash..]);
    }

    // Lexical path cleaning as POSIX path.Clean, keeping a trailing slash the input had.
    private static string CleanPath(string rest)
    {
        if (rest.Length == 0)
        {
            return "/";
        }

        var stack = new List<string>();
        foreach (var segment in rest.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (stack.Count > 0)
                {
                    stack.RemoveAt(stack.Count - 1);
                }

                continue;
            }

            stack.Add(segment);
        }

        var path = "/" + string.Join('/', stack);
        if (rest[^1] == '/' && path[^1] != '/')
        {
            path += "/";
        }

        return path;
    }

    private static byte[]? UnescapeRepeatedly(byte[] s)
    {
        for (var i = 0; i < MaxUnescapeRounds; i++)
        {
            var t = Unescape(s);
            if (t.Length == s.Length)
            {
                return s; // nothing decoded: every decode shortens the input
            }

            s = t;
        }

        return null;
    }

    private static byte[] Unescape(byte[] s)
    {
        var output = new byte[s.Length];
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && i + 2 < s.Length && IsHex(s[i + 1]) && IsHex(s[i + 2]))
            {
                output[n++] = (byte)((HexValue(s[i + 1]) << 4) | HexValue(s[i + 2]));
                i += 2;
            }
            else
            {
                output[n++] = s[i];
            }
        }

        return output.AsSpan(0, n).ToArray();
    }

    // Escapes control characters, space, "#", "%" and every byte >= 0x7F once, as %xx with lower-case hex.
    private static string Escape(byte[] s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c < 0x20 || c >= 0x7F || c is (byte)' ' or (byte)'#' or (byte)'%')
            {
                sb.Append('%').Append(c.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append((char)c);
            }
        }

        return sb.ToString();
    }

    private static bool IsHex(byte c) => char.IsAsciiHexDigit((char)c);

    private static int HexValue(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
