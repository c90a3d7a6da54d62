using NeedToKnow.Links.Text;

namespace NeedToKnow.Links.Url;

/// <summary>
/// The mutable URL record the state machine fills (https://url.spec.whatwg.org/#concept-url), one per thread and
/// reused. The path is kept serialized: each segment is <c>/</c> followed by the segment, or the opaque path itself.
/// </summary>
internal sealed class UrlRecord
{
    [ThreadStatic]
    private static UrlRecord? s_cached;

    public readonly CharBuffer Scheme = new(16);
    public readonly CharBuffer Username = new(16);
    public readonly CharBuffer Password = new(16);
    public readonly CharBuffer Host = new(64);
    public readonly CharBuffer Path = new(128);
    public readonly CharBuffer Query = new(64);
    public readonly CharBuffer Fragment = new(32);

    /// <summary>Scratch space for input without tabs and newlines, percent-decoded hosts and IDNA.</summary>
    public readonly CharBuffer Scratch = new(128);
    public readonly CharBuffer Scratch2 = new(128);
    public readonly CharBuffer HostScratch = new(64);
    public readonly CharBuffer IdnaScratch = new(64);

    public SchemeKind SchemeKind;
    public UrlHostKind HostKind;
    public int Port = -1;
    public bool OpaquePath;
    public bool HasQuery;
    public bool HasFragment;

    public bool IsSpecial => SchemeKind != SchemeKind.NotSpecial;

    public bool IncludesCredentials => Username.Length > 0 || Password.Length > 0;

    public static UrlRecord Rent()
    {
        var record = s_cached ?? new UrlRecord();
        s_cached = null;
        record.Reset();
        return record;
    }

    public static void Return(UrlRecord record) => s_cached = record;

    public void Reset()
    {
        Scheme.Clear();
        Username.Clear();
        Password.Clear();
        Host.Clear();
        Path.Clear();
        Query.Clear();
        Fragment.Clear();
        Scratch.Clear();
        Scratch2.Clear();
        HostScratch.Clear();
        IdnaScratch.Clear();
        SchemeKind = SchemeKind.NotSpecial;
        HostKind = UrlHostKind.None;
        Port = -1;
        OpaquePath = false;
        HasQuery = false;
        HasFragment = false;
    }

    public void SetScheme(ReadOnlySpan<char> scheme)
    {
        Scheme.Set(scheme);
        SchemeKind = Schemes.Classify(scheme);
    }

    /// <summary>Loads every component of <paramref name="url"/>, for a setter.</summary>
    public void Load(WhatwgUrl url)
    {
        Reset();
        SetScheme(url.SchemeSpan);
        Username.Set(url.UsernameSpan);
        Password.Set(url.PasswordSpan);
        HostKind = url.HostKind;
        Host.Set(url.HostnameSpan);
        Port = url.PortNumber ?? -1;
        OpaquePath = url.HasOpaquePath;
        Path.Set(url.PathSpan);
        HasQuery = url.QuerySpan(out var query);
        Query.Set(query);
        HasFragment = url.FragmentSpan(out var fragment);
        Fragment.Set(fragment);
    }

    /// <summary>The number of segments of a non-opaque path.</summary>
    public int PathSegmentCount() => Path.AsSpan().Count('/');

    /// <summary>https://url.spec.whatwg.org/#shorten-a-urls-path</summary>
    public void ShortenPath()
    {
        var path = Path.AsSpan();
        if (SchemeKind == SchemeKind.File && path.Length == 3 && path[0] == '/' && UrlParser.IsNormalizedWindowsDriveLetter(path[1..]))
        {
            return;
        }

        var last = path.LastIndexOf('/');
        if (last >= 0)
        {
            Path.Truncate(last);
        }
    }

    /// <summary>Serializes the record (https://url.spec.whatwg.org/#concept-url-serializer) into a new URL value.</summary>
    public WhatwgUrl Build()
    {
        var length = Scheme.Length + 1;
        if (HostKind != UrlHostKind.None)
        {
            length += 2 + Host.Length;
            if (IncludesCredentials)
            {
                length += Username.Length + 1 + (Password.Length > 0 ? Password.Length + 1 : 0);
            }

            if (Port >= 0)
            {
                length += 1 + DigitCount(Port);
            }
        }

        var dotPrefix = HostKind == UrlHostKind.None && !OpaquePath && Path.Length > 1 && Path[0] == '/' && Path[1] == '/';
        if (dotPrefix)
        {
            length += 2;
        }

        length += Path.Length;
        if (HasQuery)
        {
            length += 1 + Query.Length;
        }

        if (HasFragment)
        {
            length += 1 + Fragment.Length;
        }

        var href = string.Create(length, this, static (span, r) => r.Write(span));
        return WhatwgUrl.FromHref(href, this, dotPrefix);
    }

    internal static int DigitCount(int value) => value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : value < 10000 ? 4 : 5;

    private void Write(Span<char> span)
    {
        var p = 0;
        Copy(span, ref p, Scheme.AsSpan());
        span[p++] = ':';
        if (HostKind != UrlHostKind.None)
        {
            span[p++] = '/';
            span[p++] = '/';
            if (IncludesCredentials)
            {
                Copy(span, ref p, Username.AsSpan());
                if (Password.Length > 0)
                {
                    span[p++] = ':';
                    Copy(span, ref p, Password.AsSpan());
                }

                span[p++] = '@';
            }

            Copy(span, ref p, Host.AsSpan());
            if (Port >= 0)
            {
                span[p++] = ':';
                Port.TryFormat(span[p..], out var written);
                p += written;
            }
        }

        if (HostKind == UrlHostKind.None && !OpaquePath && Path.Length > 1 && Path[0] == '/' && Path[1] == '/')
        {
            span[p++] = '/';
            span[p++] = '.';
        }

        Copy(span, ref p, Path.AsSpan());
        if (HasQuery)
        {
            span[p++] = '?';
            Copy(span, ref p, Query.AsSpan());
        }

        if (HasFragment)
        {
            span[p++] = '#';
            Copy(span, ref p, Fragment.AsSpan());
        }
    }

    private static void Copy(Span<char> span, ref int p, ReadOnlySpan<char> text)
    {
        text.CopyTo(span[p..]);
        p += text.Length;
    }
}
