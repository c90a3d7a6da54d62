using System.Buffers;
using NeedToKnow.Links.Text;

namespace NeedToKnow.Links.Url;

/// <summary>
/// A single-pass fast path for the common shapes of links, after ada's (https://github.com/ada-url/ada) idea: an
/// absolute URL with an ASCII scheme followed either by <c>//</c>, a host of letters, digits, <c>-</c>, <c>.</c> and
/// <c>_</c>, an optional decimal port, and a path, query and fragment; or (non-special schemes only) by an opaque path.
/// It writes the serialization once into a per-thread buffer and allocates only the result. Anything else (file
/// URLs, userinfo, IP literals, percent-encoded or non-ASCII hosts, numeric last labels, extra slashes, a special
/// scheme without <c>//</c>) returns null and goes through the full state machine in <see cref="Run"/>, whose
/// result the fast path reproduces exactly (tests compare both on every input they have).
/// </summary>
internal static partial class UrlParser
{
    private const int FastSchemeMaxLength = 32;

    private static readonly SearchValues<char> SchemeChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

    /// <summary>The host characters the fast path takes as they are (all other hosts go through the host parser).</summary>
    private static readonly SearchValues<char> FastHostChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._");

    /// <summary>ASCII that a path segment copies unchanged: not in the path percent-encode set, not <c>/</c> or <c>\</c>.</summary>
    private static readonly SearchValues<char> PathSegmentRun = PercentEncoding.CreateCopyRun(PercentEncodeSet.Path, "/\\");

    [ThreadStatic]
    private static CharBuffer? t_fastHref;

    /// <summary>Parses <paramref name="s"/> (already trimmed, without tab or newline) in one pass, or returns null.</summary>
    internal static WhatwgUrl? TryParseFast(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || !IsAsciiAlpha(s[0]))
        {
            return null;
        }

        var colon = s.IndexOfAnyExcept(SchemeChars);
        if (colon <= 0 || colon > FastSchemeMaxLength || s[colon] != ':')
        {
            return null;
        }

        var buf = t_fastHref ??= new CharBuffer(256);
        buf.Clear();
        for (var i = 0; i < colon; i++)
        {
            buf.Append((char)(s[i] | 0x20)); // scheme code points all have bit 0x20 set once lowercased
        }

        var kind = Schemes.Classify(buf.AsSpan());
        if (kind == SchemeKind.File)
        {
            return null;
        }

        buf.Append(':');
        var special = kind != SchemeKind.NotSpecial;
        var p = colon + 1;
        var hasSlashes = p + 1 < s.Length && s[p] == '/' && s[p + 1] == '/';
        if (!hasSlashes)
        {
            return special || (p < s.Length && s[p] == '/') ? null : FastOpaquePath(buf, s, p, colon, kind);
        }

        p += 2;
        buf.Append('/');
        buf.Append('/');
        var hostStart = buf.Length;
        var hostLength = s[p..].IndexOfAnyExcept(FastHostChars);
        if (hostLength < 0)
        {
            hostLength = s.Length - p;
        }

        if (hostLength == 0)
        {
            return null;
        }

        buf.Append(s.Slice(p, hostLength));
        p += hostLength;
        if (special)
        {
            System.Text.Ascii.ToLowerInPlace(buf.AsWritableSpan()[hostStart..], out _);
            if (EndsInANumber(buf.AsSpan(hostStart)))
            {
                return null;
            }
        }

        var hostEnd = buf.Length;
        var port = -1;
        if (p < s.Length && s[p] == ':')
        {
            p++;
            var digitsStart = p;
            var value = 0;
            while (p < s.Length && IsAsciiDigit(s[p]))
            {
                value = (value * 10) + (s[p] - '0');
                if (value > 65535)
                {
                    return null;
                }

                p++;
            }

            if (p > digitsStart && value != Schemes.DefaultPort(kind))
            {
                port = value;
                buf.Append(':');
                buf.AppendNumber((uint)value);
            }
        }

        if (p < s.Length && !(s[p] is '/' or '?' or '#' || (special && s[p] == '\\')))
        {
            return null;
        }

        var pathStart = buf.Length;
        if (p < s.Length && (s[p] == '/' || (special && s[p] == '\\')))
        {
            p = FastPath(buf, s, p, pathStart, special);
        }
        else if (special)
        {
            buf.Append('/');
        }

        FastQueryAndFragment(buf, s, p, special, out var queryStart, out var fragmentStart);
        var href = new string(buf.AsSpan());
        var hostKind = special ? UrlHostKind.Domain : UrlHostKind.Opaque;
        return new WhatwgUrl(href, colon, hostStart, hostStart, hostEnd, pathStart, queryStart, fragmentStart, port, hostKind, false, kind);
    }

    /// <summary>https://url.spec.whatwg.org/#path-state from a '/' (or special '\') at <paramref name="p"/>; returns where the path ends.</summary>
    private static int FastPath(CharBuffer buf, ReadOnlySpan<char> s, int p, int pathStart, bool special)
    {
        while (true)
        {
            p++; // the separator
            var segmentStart = buf.Length;
            buf.Append('/');
            var c = -1;
            while (p < s.Length)
            {
                var run = s[p..].IndexOfAnyExcept(PathSegmentRun);
                if (run < 0)
                {
                    buf.Append(s[p..]);
                    p = s.Length;
                    break;
                }

                buf.Append(s.Slice(p, run));
                p += run;
                c = s[p];
                if (c is '/' or '?' or '#' || (special && c == '\\'))
                {
                    break;
                }

                if (c < 0x7F && !PercentEncoding.InSet((char)c, PercentEncodeSet.Path))
                {
                    buf.Append((char)c);
                }
                else
                {
                    p = PercentEncoding.AppendEncodedCodePoint(buf, s, p);
                }

                c = -1;
                p++;
            }

            var slash = c == '/' || (special && c == '\\');
            var segment = buf.AsSpan(segmentStart + 1);
            if (IsDoubleDot(segment))
            {
                buf.Truncate(segmentStart);
                var last = buf.AsSpan(pathStart).LastIndexOf('/');
                if (last >= 0)
                {
                    buf.Truncate(pathStart + last);
                }

                if (!slash)
                {
                    buf.Append('/');
                }
            }
            else if (IsSingleDot(segment))
            {
                buf.Truncate(slash ? segmentStart : segmentStart + 1);
            }

            if (!slash)
            {
                return p;
            }
        }
    }

    /// <summary>https://url.spec.whatwg.org/#query-state and #fragment-state from <paramref name="p"/> ('?', '#' or the end).</summary>
    private static void FastQueryAndFragment(CharBuffer buf, ReadOnlySpan<char> s, int p, bool special, out int queryStart, out int fragmentStart)
    {
        queryStart = -1;
        fragmentStart = -1;
        if (p < s.Length && s[p] == '?')
        {
            queryStart = buf.Length;
            buf.Append('?');
            p++;
            var end = s[p..].IndexOf('#');
            end = end < 0 ? s.Length : p + end;
            PercentEncoding.Append(buf, s[p..end], special ? PercentEncodeSet.SpecialQuery : PercentEncodeSet.Query);
            p = end;
        }

        if (p < s.Length)
        {
            fragmentStart = buf.Length;
            buf.Append('#');
            PercentEncoding.Append(buf, s[(p + 1)..], PercentEncodeSet.Fragment);
        }
    }

    /// <summary>https://url.spec.whatwg.org/#cannot-be-a-base-url-path-state for a non-special scheme not followed by '/'.</summary>
    private static WhatwgUrl FastOpaquePath(CharBuffer buf, ReadOnlySpan<char> s, int p, int schemeEnd, SchemeKind kind)
    {
        var pathStart = buf.Length;
        while (p < s.Length)
        {
            var c = s[p];
            if (c is '?' or '#')
            {
                break;
            }

            if (c == ' ')
            {
                if (p + 1 < s.Length && s[p + 1] is '?' or '#')
                {
                    buf.Append("%20");
                }
                else
                {
                    buf.Append(' ');
                }
            }
            else if (c is >= ' ' and < (char)0x7F)
            {
                buf.Append(c);
            }
            else
            {
                p = PercentEncoding.AppendEncodedCodePoint(buf, s, p);
            }

            p++;
        }

        FastQueryAndFragment(buf, s, p, false, out var queryStart, out var fragmentStart);
        var href = new string(buf.AsSpan());
        var hostAt = schemeEnd + 1;
        return new WhatwgUrl(href, schemeEnd, hostAt, hostAt, hostAt, pathStart, queryStart, fragmentStart, -1, UrlHostKind.None, true, kind);
    }
}
