using System.Buffers;
using System.Runtime.CompilerServices;

namespace NeedToKnow.Links.Url;

/// <summary>
/// The basic URL parser of the WHATWG URL Standard (https://url.spec.whatwg.org/#concept-basic-url-parser), with
/// state override for the setters. UTF-8 only (no legacy query encodings). Input is read as UTF-16 code units;
/// code points matter only where a code point is percent-encoded (<see cref="PercentEncoding"/>).
/// </summary>
internal static partial class UrlParser
{
    private const int Eof = -1;

    private static readonly SearchValues<char> TabOrNewline = SearchValues.Create("\t\n\r");

    /// <summary>False only in tests that compare the fast path with the full state machine.</summary>
    [ThreadStatic]
    private static bool t_disableFastPath;

    /// <summary>Whether <see cref="TryParseFast"/> is tried first on this thread (tests turn it off to compare).</summary>
    internal static bool UseFastPath
    {
        get => !t_disableFastPath;
        set => t_disableFastPath = !value;
    }

    internal enum State : byte
    {
        None,
        SchemeStart,
        Scheme,
        NoScheme,
        SpecialRelativeOrAuthority,
        PathOrAuthority,
        Relative,
        RelativeSlash,
        SpecialAuthoritySlashes,
        SpecialAuthorityIgnoreSlashes,
        Authority,
        Host,
        Hostname,
        Port,
        File,
        FileSlash,
        FileHost,
        PathStart,
        Path,
        OpaquePath,
        Query,
        Fragment,
    }

    public static UrlParseResult Parse(string input, WhatwgUrl? baseUrl)
    {
        if (input.Length > UrlLimits.MaxInputLength)
        {
            return new UrlParseResult(null, UrlParseError.InputTooLong, UrlLimits.MaxInputLength, input.Length);
        }

        // https://url.spec.whatwg.org/#concept-basic-url-parser steps 1-3: strip leading and trailing C0 control
        // or space, then remove all ASCII tab or newline.
        var span = input.AsSpan();
        var start = 0;
        var end = span.Length;
        while (start < end && span[start] <= ' ')
        {
            start++;
        }

        while (end > start && span[end - 1] <= ' ')
        {
            end--;
        }

        span = span[start..end];
        var hasTabOrNewline = span.ContainsAny(TabOrNewline);
        if (!hasTabOrNewline && UseFastPath && TryParseFast(span) is { } fast)
        {
            return new UrlParseResult(fast, UrlParseError.None);
        }

        var record = UrlRecord.Rent();
        try
        {
            if (hasTabOrNewline)
            {
                var scratch = record.Scratch;
                foreach (var c in span)
                {
                    if (c is not ('\t' or '\n' or '\r'))
                    {
                        scratch.Append(c);
                    }
                }

                span = scratch.AsSpan();
            }

            var error = Run(record, span, baseUrl, State.None);
            return error == UrlParseError.None ? new UrlParseResult(record.Build(), UrlParseError.None) : new UrlParseResult(null, error);
        }
        finally
        {
            UrlRecord.Return(record);
        }
    }

    /// <summary>Runs a setter: parses <paramref name="value"/> into a copy of <paramref name="url"/> from <paramref name="stateOverride"/>.</summary>
    internal static WhatwgUrl RunSetter(WhatwgUrl url, string value, State stateOverride, Action<UrlRecord>? prepare = null, bool appendColon = false)
    {
        var record = UrlRecord.Rent();
        try
        {
            record.Load(url);
            prepare?.Invoke(record);
            var span = value.AsSpan();
            if (span.ContainsAny(TabOrNewline) || appendColon)
            {
                var scratch = record.Scratch;
                foreach (var c in span)
                {
                    if (c is not ('\t' or '\n' or '\r'))
                    {
                        scratch.Append(c);
                    }
                }

                if (appendColon)
                {
                    scratch.Append(':');
                }

                span = scratch.AsSpan();
            }

            if (stateOverride != State.None)
            {
                _ = Run(record, span, null, stateOverride);
            }

            var result = record.Build();
            return result.Equals(url) ? url : result;
        }
        finally
        {
            UrlRecord.Return(record);
        }
    }

    /// <summary>https://url.spec.whatwg.org/#set-the-username and #set-the-password.</summary>
    internal static WhatwgUrl SetCredential(WhatwgUrl url, string value, bool password)
    {
        var record = UrlRecord.Rent();
        try
        {
            record.Load(url);
            var target = password ? record.Password : record.Username;
            target.Clear();
            PercentEncoding.Append(target, value, PercentEncodeSet.Userinfo);
            return record.Build();
        }
        finally
        {
            UrlRecord.Return(record);
        }
    }

    /// <summary>https://url.spec.whatwg.org/#potentially-strip-trailing-spaces-from-an-opaque-path</summary>
    internal static void StripTrailingSpacesFromOpaquePath(UrlRecord url)
    {
        if (!url.OpaquePath || url.HasFragment || url.HasQuery)
        {
            return;
        }

        var path = url.Path.AsSpan();
        var end = path.Length;
        while (end > 0 && path[end - 1] == ' ')
        {
            end--;
        }

        url.Path.Truncate(end);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsAsciiAlpha(int c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsAsciiDigit(int c) => (uint)(c - '0') <= 9;

    /// <summary>https://url.spec.whatwg.org/#windows-drive-letter</summary>
    internal static bool IsWindowsDriveLetter(ReadOnlySpan<char> s) => s.Length == 2 && IsAsciiAlpha(s[0]) && s[1] is ':' or '|';

    /// <summary>https://url.spec.whatwg.org/#normalized-windows-drive-letter</summary>
    internal static bool IsNormalizedWindowsDriveLetter(ReadOnlySpan<char> s) => s.Length == 2 && IsAsciiAlpha(s[0]) && s[1] == ':';

    /// <summary>https://url.spec.whatwg.org/#start-with-a-windows-drive-letter</summary>
    private static bool StartsWithWindowsDriveLetter(ReadOnlySpan<char> s) =>
        s.Length >= 2 && IsWindowsDriveLetter(s[..2]) && (s.Length == 2 || s[2] is '/' or '\\' or '?' or '#');

    /// <summary>https://url.spec.whatwg.org/#single-dot-path-segment</summary>
    private static bool IsSingleDot(ReadOnlySpan<char> s) => s is "." || (s.Length == 3 && s[0] == '%' && s[1] == '2' && (s[2] | 0x20) == 'e');

    /// <summary>https://url.spec.whatwg.org/#double-dot-path-segment</summary>
    private static bool IsDoubleDot(ReadOnlySpan<char> s)
    {
        switch (s.Length)
        {
            case 2:
                return s[0] == '.' && s[1] == '.';
            case 4:
                return (s[0] == '.' && IsEncodedDot(s[1..])) || (IsEncodedDot(s) && s[3] == '.');
            case 6:
                return IsEncodedDot(s) && IsEncodedDot(s[3..]);
            default:
                return false;
        }

        static bool IsEncodedDot(ReadOnlySpan<char> t) => t[0] == '%' && t[1] == '2' && (t[2] | 0x20) == 'e';
    }

    /// <summary>The state machine of https://url.spec.whatwg.org/#concept-basic-url-parser.</summary>
    private static UrlParseError Run(UrlRecord url, ReadOnlySpan<char> input, WhatwgUrl? baseUrl, State stateOverride)
    {
        var hasOverride = stateOverride != State.None;
        var state = hasOverride ? stateOverride : State.SchemeStart;
        var bufferStart = 0; // the spec's buffer is input[bufferStart..pointer] wherever it is a plain slice
        var insideBrackets = false;
        var segmentStart = -1; // path state: index in url.Path of the current segment's '/'
        var pointer = 0;
        var length = input.Length;

        for (; ; pointer++)
        {
            var c = pointer < length ? input[pointer] : Eof;
            switch (state)
            {
                case State.SchemeStart:
                    if (IsAsciiAlpha(c))
                    {
                        bufferStart = pointer;
                        state = State.Scheme;
                    }
                    else if (!hasOverride)
                    {
                        state = State.NoScheme;
                        pointer--;
                    }
                    else
                    {
                        return UrlParseError.MissingSchemeNonRelativeUrl;
                    }

                    break;

                case State.Scheme:
                    if (IsAsciiAlpha(c) || IsAsciiDigit(c) || c is '+' or '-' or '.')
                    {
                        break;
                    }

                    if (c == ':')
                    {
                        var raw = input[bufferStart..pointer];
                        url.Scratch2.Set(raw);
                        System.Text.Ascii.ToLowerInPlace(url.Scratch2.AsWritableSpan(), out _);
                        var scheme = url.Scratch2.AsSpan();

                        if (hasOverride)
                        {
                            var newKind = Schemes.Classify(scheme);
                            if (url.IsSpecial != (newKind != SchemeKind.NotSpecial))
                            {
                                return UrlParseError.None;
                            }

                            if ((url.IncludesCredentials || url.Port >= 0) && newKind == SchemeKind.File)
                            {
                                return UrlParseError.None;
                            }

                            if (url.SchemeKind == SchemeKind.File && url.HostKind == UrlHostKind.Empty)
                            {
                                return UrlParseError.None;
                            }
                        }

                        url.SetScheme(scheme);
                        if (hasOverride)
                        {
                            if (url.Port == Schemes.DefaultPort(url.SchemeKind))
                            {
                                url.Port = -1;
                            }

                            return UrlParseError.None;
                        }

                        if (url.SchemeKind == SchemeKind.File)
                        {
                            state = State.File;
                        }
                        else if (url.IsSpecial && baseUrl is not null && baseUrl.SchemeKind == url.SchemeKind)
                        {
                            state = State.SpecialRelativeOrAuthority;
                        }
                        else if (url.IsSpecial)
                        {
                            state = State.SpecialAuthoritySlashes;
                        }
                        else if (pointer + 1 < length && input[pointer + 1] == '/')
                        {
                            state = State.PathOrAuthority;
                            pointer++;
                        }
                        else
                        {
                            url.OpaquePath = true;
                            state = State.OpaquePath;
                        }
                    }
                    else if (!hasOverride)
                    {
                        state = State.NoScheme;
                        pointer = -1;
                    }
                    else
                    {
                        return UrlParseError.MissingSchemeNonRelativeUrl;
                    }

                    break;

                case State.NoScheme:
                    if (baseUrl is null || (baseUrl.HasOpaquePath && c != '#'))
                    {
                        return UrlParseError.MissingSchemeNonRelativeUrl;
                    }

                    if (baseUrl.HasOpaquePath && c == '#')
                    {
                        url.SetScheme(baseUrl.SchemeSpan);
                        url.OpaquePath = true;
                        url.Path.Set(baseUrl.PathSpan);
                        url.HasQuery = baseUrl.QuerySpan(out var baseQuery);
                        url.Query.Set(baseQuery);
                        url.HasFragment = true;
                        state = State.Fragment;
                    }
                    else
                    {
                        state = baseUrl.SchemeKind != SchemeKind.File ? State.Relative : State.File;
                        pointer--;
                    }

                    break;

                case State.SpecialRelativeOrAuthority:
                    if (c == '/' && pointer + 1 < length && input[pointer + 1] == '/')
                    {
                        state = State.SpecialAuthorityIgnoreSlashes;
                        pointer++;
                    }
                    else
                    {
                        state = State.Relative;
                        pointer--;
                    }

                    break;

                case State.PathOrAuthority:
                    if (c == '/')
                    {
                        state = State.Authority;
                    }
                    else
                    {
                        state = State.Path;
                        pointer--;
                    }

                    break;

                case State.Relative:
                    url.SetScheme(baseUrl!.SchemeSpan);
                    if (c == '/' || (url.IsSpecial && c == '\\'))
                    {
                        state = State.RelativeSlash;
                    }
                    else
                    {
                        CopyAuthority(url, baseUrl);
                        url.Path.Set(baseUrl.PathSpan);
                        url.HasQuery = baseUrl.QuerySpan(out var baseQuery);
                        url.Query.Set(baseQuery);
                        if (c == '?')
                        {
                            url.Query.Clear();
                            url.HasQuery = true;
                            state = State.Query;
                        }
                        else if (c == '#')
                        {
                            url.HasFragment = true;
                            state = State.Fragment;
                        }
                        else if (c != Eof)
                        {
                            url.HasQuery = false;
                            url.Query.Clear();
                            url.ShortenPath();
                            state = State.Path;
                            pointer--;
                        }
                    }

                    break;

                case State.RelativeSlash:
                    if (url.IsSpecial && c is '/' or '\\')
                    {
                        state = State.SpecialAuthorityIgnoreSlashes;
                    }
                    else if (c == '/')
                    {
                        state = State.Authority;
                    }
                    else
                    {
                        CopyAuthority(url, baseUrl!);
                        state = State.Path;
                        pointer--;
                    }

                    break;

                case State.SpecialAuthoritySlashes:
                    if (c == '/' && pointer + 1 < length && input[pointer + 1] == '/')
                    {
                        state = State.SpecialAuthorityIgnoreSlashes;
                        pointer++;
                    }
                    else
                    {
                        state = State.SpecialAuthorityIgnoreSlashes;
                        pointer--;
                    }

                    break;

                case State.SpecialAuthorityIgnoreSlashes:
                    if (c is not ('/' or '\\'))
                    {
                        state = State.Authority;
                        pointer--;
                    }

                    break;

                case State.Authority:
                    {
                        // The spec accumulates a buffer and re-processes it at each '@'; equivalently, everything before
                        // the authority's last '@' is userinfo, split at its first ':' (each further '@' and ':' is
                        // percent-encoded by the userinfo set).
                        var end = pointer;
                        var lastAt = -1;
                        var special = url.IsSpecial;
                        for (; end < length; end++)
                        {
                            var ch = input[end];
                            if (ch is '/' or '?' or '#' || (special && ch == '\\'))
                            {
                                break;
                            }

                            if (ch == '@')
                            {
                                lastAt = end;
                            }
                        }

                        if (lastAt >= 0)
                        {
                            if (lastAt + 1 == end)
                            {
                                return UrlParseError.HostMissing;
                            }

                            var userinfo = input[pointer..lastAt];
                            var colon = userinfo.IndexOf(':');
                            if (colon < 0)
                            {
                                PercentEncoding.Append(url.Username, userinfo, PercentEncodeSet.Userinfo);
                            }
                            else
                            {
                                PercentEncoding.Append(url.Username, userinfo[..colon], PercentEncodeSet.Userinfo);
                                PercentEncoding.Append(url.Password, userinfo[(colon + 1)..], PercentEncodeSet.Userinfo);
                            }

                            pointer = lastAt;
                        }
                        else
                        {
                            pointer--;
                        }

                        state = State.Host;
                        bufferStart = pointer + 1;
                        insideBrackets = false;
                        break;
                    }

                case State.Host:
                case State.Hostname:
                    if (hasOverride && url.SchemeKind == SchemeKind.File)
                    {
                        pointer--;
                        state = State.FileHost;
                        bufferStart = pointer + 1;
                    }
                    else if (c == ':' && !insideBrackets)
                    {
                        if (pointer == bufferStart)
                        {
                            return UrlParseError.HostMissing;
                        }

                        if (stateOverride == State.Hostname)
                        {
                            return UrlParseError.HostMissing;
                        }

                        var error = ParseHost(url, input[bufferStart..pointer], !url.IsSpecial);
                        if (error != UrlParseError.None)
                        {
                            return error;
                        }

                        state = State.Port;
                        bufferStart = pointer + 1;
                    }
                    else if (c == Eof || c is '/' or '?' or '#' || (url.IsSpecial && c == '\\'))
                    {
                        if (url.IsSpecial && pointer == bufferStart)
                        {
                            return UrlParseError.HostMissing;
                        }

                        if (hasOverride && pointer == bufferStart && (url.IncludesCredentials || url.Port >= 0))
                        {
                            return UrlParseError.HostMissing;
                        }

                        var error = ParseHost(url, input[bufferStart..pointer], !url.IsSpecial);
                        if (error != UrlParseError.None)
                        {
                            return error;
                        }

                        pointer--;
                        state = State.PathStart;
                        if (hasOverride)
                        {
                            return UrlParseError.None;
                        }
                    }
                    else if (c == '[')
                    {
                        insideBrackets = true;
                    }
                    else if (c == ']')
                    {
                        insideBrackets = false;
                    }

                    break;

                case State.Port:
                    if (IsAsciiDigit(c))
                    {
                        break;
                    }

                    if (c == Eof || c is '/' or '?' or '#' || (url.IsSpecial && c == '\\') || hasOverride)
                    {
                        if (pointer != bufferStart)
                        {
                            var port = 0;
                            foreach (var d in input[bufferStart..pointer])
                            {
                                port = (port * 10) + (d - '0');
                                if (port > 65535)
                                {
                                    return UrlParseError.PortOutOfRange;
                                }
                            }

                            url.Port = port == Schemes.DefaultPort(url.SchemeKind) ? -1 : port;
                            if (hasOverride)
                            {
                                return UrlParseError.None;
                            }
                        }

                        if (hasOverride)
                        {
                            return UrlParseError.PortInvalid;
                        }

                        state = State.PathStart;
                        pointer--;
                    }
                    else
                    {
                        return UrlParseError.PortInvalid;
                    }

                    break;

                case State.File:
                    url.SetScheme("file");
                    url.Host.Clear();
                    url.HostKind = UrlHostKind.Empty;
                    if (c is '/' or '\\')
                    {
                        state = State.FileSlash;
                    }
                    else if (baseUrl is not null && baseUrl.SchemeKind == SchemeKind.File)
                    {
                        url.Host.Set(baseUrl.HostnameSpan);
                        url.HostKind = baseUrl.HostKind;
                        url.Path.Set(baseUrl.PathSpan);
                        url.HasQuery = baseUrl.QuerySpan(out var baseQuery);
                        url.Query.Set(baseQuery);
                        if (c == '?')
                        {
                            url.Query.Clear();
                            url.HasQuery = true;
                            state = State.Query;
                        }
                        else if (c == '#')
                        {
                            url.HasFragment = true;
                            state = State.Fragment;
                        }
                        else if (c != Eof)
                        {
                            url.HasQuery = false;
                            url.Query.Clear();
                            if (!StartsWithWindowsDriveLetter(input[pointer..]))
                            {
                                url.ShortenPath();
                            }
                            else
                            {
                                url.Path.Clear();
                            }

                            state = State.Path;
                            pointer--;
                        }
                    }
                    else
                    {
                        state = State.Path;
                        pointer--;
                    }

                    break;

                case State.FileSlash:
                    if (c is '/' or '\\')
                    {
                        state = State.FileHost;
                        bufferStart = pointer + 1;
                    }
                    else
                    {
                        if (baseUrl is not null && baseUrl.SchemeKind == SchemeKind.File)
                        {
                            url.Host.Set(baseUrl.HostnameSpan);
                            url.HostKind = baseUrl.HostKind;
                            var basePath = baseUrl.PathSpan;
                            if (!StartsWithWindowsDriveLetter(input[pointer..]) && basePath.Length >= 3 && basePath[0] == '/'
                                && IsNormalizedWindowsDriveLetter(basePath[1..3]) && (basePath.Length == 3 || basePath[3] == '/'))
                            {
                                url.Path.Append(basePath[..3]);
                            }
                        }

                        state = State.Path;
                        pointer--;
                    }

                    break;

                case State.FileHost:
                    if (c == Eof || c is '/' or '\\' or '?' or '#')
                    {
                        var buffer = input[bufferStart..pointer];
                        pointer--;
                        if (!hasOverride && IsWindowsDriveLetter(buffer))
                        {
                            // The buffer becomes the first path segment (the spec keeps it in the buffer).
                            state = State.Path;
                            pointer = bufferStart - 1;
                        }
                        else if (buffer.IsEmpty)
                        {
                            url.Host.Clear();
                            url.HostKind = UrlHostKind.Empty;
                            if (hasOverride)
                            {
                                return UrlParseError.None;
                            }

                            state = State.PathStart;
                        }
                        else
                        {
                            var error = ParseHost(url, buffer, false);
                            if (error != UrlParseError.None)
                            {
                                return error;
                            }

                            if (url.Host.AsSpan() is "localhost")
                            {
                                url.Host.Clear();
                                url.HostKind = UrlHostKind.Empty;
                            }

                            if (hasOverride)
                            {
                                return UrlParseError.None;
                            }

                            state = State.PathStart;
                        }
                    }

                    break;

                case State.PathStart:
                    if (url.IsSpecial)
                    {
                        state = State.Path;
                        if (c is not ('/' or '\\'))
                        {
                            pointer--;
                        }
                    }
                    else if (!hasOverride && c == '?')
                    {
                        url.HasQuery = true;
                        state = State.Query;
                    }
                    else if (!hasOverride && c == '#')
                    {
                        url.HasFragment = true;
                        state = State.Fragment;
                    }
                    else if (c != Eof)
                    {
                        state = State.Path;
                        if (c != '/')
                        {
                            pointer--;
                        }
                    }
                    else if (hasOverride && url.HostKind == UrlHostKind.None)
                    {
                        url.Path.Append('/');
                    }

                    break;

                case State.Path:
                    {
                        // Segment by segment: the segment is written percent-encoded after a provisional '/', then
                        // fixed up at its end (https://url.spec.whatwg.org/#path-state).
                        var path = url.Path;
                        segmentStart = path.Length;
                        path.Append('/');
                        var special = url.IsSpecial;
                        while (true)
                        {
                            c = pointer < length ? input[pointer] : Eof;
                            if (c == Eof || c == '/' || (special && c == '\\') || (!hasOverride && c is '?' or '#'))
                            {
                                break;
                            }

                            if (c < 0x7F && !PercentEncoding.InSet((char)c, PercentEncodeSet.Path))
                            {
                                path.Append((char)c);
                            }
                            else
                            {
                                pointer = PercentEncoding.AppendEncodedCodePoint(path, input, pointer);
                            }

                            pointer++;
                        }

                        var segment = path.AsSpan(segmentStart + 1);
                        var slash = c == '/' || (special && c == '\\');
                        if (IsDoubleDot(segment))
                        {
                            path.Truncate(segmentStart);
                            url.ShortenPath();
                            if (!slash)
                            {
                                path.Append('/');
                            }
                        }
                        else if (IsSingleDot(segment))
                        {
                            path.Truncate(slash ? segmentStart : segmentStart + 1);
                        }
                        else if (url.SchemeKind == SchemeKind.File && segmentStart == 0 && IsWindowsDriveLetter(segment))
                        {
                            path[segmentStart + 2] = ':';
                        }

                        if (c == '?')
                        {
                            url.HasQuery = true;
                            state = State.Query;
                        }
                        else if (c == '#')
                        {
                            url.HasFragment = true;
                            state = State.Fragment;
                        }
                        else if (c == Eof)
                        {
                            return UrlParseError.None;
                        }

                        // On '/' the path state goes on with the next segment.
                        break;
                    }

                case State.OpaquePath:
                    {
                        // https://url.spec.whatwg.org/#cannot-be-a-base-url-path-state
                        var path = url.Path;
                        while (true)
                        {
                            c = pointer < length ? input[pointer] : Eof;
                            if (c == Eof || c is '?' or '#')
                            {
                                break;
                            }

                            if (c == ' ')
                            {
                                var next = pointer + 1 < length ? input[pointer + 1] : Eof;
                                if (next is '?' or '#')
                                {
                                    path.Append("%20");
                                }
                                else
                                {
                                    path.Append(' ');
                                }
                            }
                            else if (c is >= 0x20 and < 0x7F)
                            {
                                path.Append((char)c);
                            }
                            else
                            {
                                pointer = PercentEncoding.AppendEncodedCodePoint(path, input, pointer);
                            }

                            pointer++;
                        }

                        if (c == '?')
                        {
                            url.HasQuery = true;
                            state = State.Query;
                        }
                        else if (c == '#')
                        {
                            url.HasFragment = true;
                            state = State.Fragment;
                        }
                        else
                        {
                            return UrlParseError.None;
                        }

                        break;
                    }

                case State.Query:
                    {
                        // https://url.spec.whatwg.org/#query-state (UTF-8 only, so bytes are encoded as they come).
                        var end = hasOverride ? length : input[pointer..].IndexOf('#');
                        end = end < 0 ? length : (hasOverride ? length : pointer + end);
                        PercentEncoding.Append(url.Query, input[pointer..end], url.IsSpecial ? PercentEncodeSet.SpecialQuery : PercentEncodeSet.Query);
                        if (end == length)
                        {
                            return UrlParseError.None;
                        }

                        pointer = end;
                        url.HasFragment = true;
                        state = State.Fragment;
                        break;
                    }

                case State.Fragment:
                    // https://url.spec.whatwg.org/#fragment-state
                    PercentEncoding.Append(url.Fragment, input[pointer..], PercentEncodeSet.Fragment);
                    return UrlParseError.None;
            }

            if (c == Eof && pointer >= length)
            {
                return UrlParseError.None;
            }
        }
    }

    private static void CopyAuthority(UrlRecord url, WhatwgUrl baseUrl)
    {
        url.Username.Set(baseUrl.UsernameSpan);
        url.Password.Set(baseUrl.PasswordSpan);
        url.Host.Set(baseUrl.HostnameSpan);
        url.HostKind = baseUrl.HostKind;
        url.Port = baseUrl.PortNumber ?? -1;
    }
}
