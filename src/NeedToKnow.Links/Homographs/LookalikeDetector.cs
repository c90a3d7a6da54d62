using NeedToKnow.Links.PublicSuffix;

namespace NeedToKnow.Links.Homographs;

/// <summary>
/// Says whether a host imitates one of a set of protected domains: the registrable domain of the host has the same
/// skeleton as a protected domain (UTS #39 §4 confusable detection, with diacritics folded as Chromium's top-domain
/// check does) without being that domain. <c>gооgle.com</c> with Cyrillic <c>о</c>, <c>paypa1.com</c> and
/// <c>tést.net</c> imitate <c>google.com</c>, <c>paypal.com</c> and <c>test.net</c>.
/// </summary>
/// <remarks>Immutable after construction and safe to share between threads. Skeletons of the protected domains are
/// computed once; a check computes one skeleton (it allocates, and is meant for hosts that are not themselves allowed).</remarks>
public sealed class LookalikeDetector
{
    private readonly Dictionary<string, string> _bySkeleton = new(StringComparer.Ordinal);
    private readonly HashSet<string> _protected = new(StringComparer.OrdinalIgnoreCase);
    private readonly PublicSuffixList _suffixes;

    /// <summary>The domain skeleton of each ASCII character; an ASCII domain's skeleton is the concatenation (see <see cref="FindImitated(ReadOnlySpan{char})"/>).</summary>
    private static readonly string[] AsciiSkeletons = BuildAsciiSkeletons();

    /// <summary>Creates a detector for <paramref name="protectedDomains"/>.</summary>
    /// <param name="protectedDomains">Registrable domains to protect, in ASCII (Punycode) or Unicode form, e.g. <c>weixin.qq.com</c>, <c>fóó.com</c>.</param>
    /// <param name="suffixes">The Public Suffix List that finds a host's registrable domain; <see cref="PublicSuffixList.Default"/> when null.</param>
    public LookalikeDetector(IEnumerable<string> protectedDomains, PublicSuffixList? suffixes = null)
    {
        ArgumentNullException.ThrowIfNull(protectedDomains);
        _suffixes = suffixes ?? PublicSuffixList.Default;
        foreach (var domain in protectedDomains)
        {
            var unicode = HostLabels.ToUnicode(domain.Trim().TrimEnd('.').ToLowerInvariant());
            if (unicode.Length == 0)
            {
                continue;
            }

            _protected.Add(unicode);
            _bySkeleton.TryAdd(Skeletons.Domain(unicode), unicode);
        }
    }

    /// <summary>Number of protected domains.</summary>
    public int Count => _protected.Count;

    /// <summary>The UTS #39 skeleton of <paramref name="text"/> (§4: NFD, drop default-ignorables, map confusables, NFD).</summary>
    /// <param name="text">Any text.</param>
    /// <returns>The skeleton; equal skeletons mean confusable strings.</returns>
    public static string Skeleton(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Skeletons.Uts39(text);
    }

    /// <summary>True when <paramref name="host"/> is a protected domain or a subdomain of one (no look-alike then).</summary>
    /// <param name="host">A host in ASCII or Unicode form.</param>
    /// <returns>Whether the host belongs to a protected domain.</returns>
    public bool IsProtected(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var unicode = HostLabels.ToUnicode(host.TrimEnd('.').ToLowerInvariant());
        var registrable = _suffixes.GetRegistrableDomain(unicode) ?? unicode;
        return _protected.Contains(registrable) || _protected.Contains(unicode);
    }

    /// <summary>
    /// <see cref="FindImitated(string)"/> for a parsed host, without allocating when the host is lowercase ASCII
    /// without <c>xn--</c> labels (the common case): every step of the domain skeleton (lower-casing, confusables.txt
    /// mapping, NFD, removing marks and default ignorables) maps one code point at a time for ASCII input, so the
    /// skeleton is the concatenation of each character's skeleton, built in a stack buffer.
    /// </summary>
    /// <param name="host">A host as the URL parser serializes it.</param>
    /// <returns>The imitated protected domain, or null.</returns>
    internal string? FindImitated(ReadOnlySpan<char> host)
    {
        const int MaxStackHost = 256;
        if (_bySkeleton.Count == 0)
        {
            return null;
        }

        if (host.Length > MaxStackHost || !Policy.DomainSet.IsLowercaseAscii(host) || host.Contains("xn--", StringComparison.Ordinal))
        {
            return FindImitated(host.ToString());
        }

        if (host.Length > 0 && host[^1] == '.')
        {
            host = host[..^1];
        }

        var registrable = _suffixes.TryMatch(host, out var m) && m.HasRegistrableDomain ? host[m.RegistrableStart..m.Length] : host;
        if (_protected.GetAlternateLookup<ReadOnlySpan<char>>().Contains(registrable))
        {
            return null;
        }

        Span<char> skeleton = stackalloc char[MaxStackHost * 4];
        var length = 0;
        foreach (var c in registrable)
        {
            var piece = AsciiSkeletons[c];
            if (length + piece.Length > skeleton.Length)
            {
                return FindImitated(host.ToString());
            }

            piece.CopyTo(skeleton[length..]);
            length += piece.Length;
        }

        return _bySkeleton.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(skeleton[..length], out var imitated) ? imitated : null;
    }

    /// <summary>Finds the protected domain that <paramref name="host"/> imitates.</summary>
    /// <param name="host">A host in ASCII (Punycode) or Unicode form.</param>
    /// <returns>The imitated protected domain (Unicode form), or null when the host imitates none or is itself protected.</returns>
    public string? FindImitated(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (_bySkeleton.Count == 0)
        {
            return null;
        }

        var unicode = HostLabels.ToUnicode(host.TrimEnd('.').ToLowerInvariant());
        var registrable = _suffixes.GetRegistrableDomain(unicode) ?? unicode;
        if (_protected.Contains(registrable))
        {
            return null;
        }

        if (_bySkeleton.TryGetValue(Skeletons.Domain(registrable), out var imitated))
        {
            return imitated;
        }

        return Skeletons.HasAlternative(registrable) && _bySkeleton.TryGetValue(Skeletons.Domain(registrable, alternative: true), out imitated) ? imitated : null;
    }

    private static string[] BuildAsciiSkeletons()
    {
        var table = new string[0x80];
        for (var c = 0; c < table.Length; c++)
        {
            table[c] = Skeletons.Domain(((char)c).ToString());
        }

        return table;
    }
}
