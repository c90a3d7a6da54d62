using System.Collections.Frozen;
using System.Text;
using NeedToKnow.Links.Text;

namespace NeedToKnow.Links.PublicSuffix;

/// <summary>
/// The Public Suffix List: finds the public suffix and the registrable domain (eTLD+1) of a host, following the
/// algorithm of https://github.com/publicsuffix/list/wiki/Format ("Algorithm": the longest matching rule
/// prevails, an exception rule beats every other rule, and the default rule is <c>*</c>).
/// </summary>
/// <remarks>
/// <para>The list shipped with NeedToKnow is embedded (publicsuffix/list at commit <c>e8c9a2b2</c>, 2026-08-19,
/// MPL-2.0; see <c>Data/README.md</c>). An operator replaces it with <see cref="LoadFile"/>.</para>
/// <para>Rules are indexed by their full text in a frozen hash keyed case-insensitively, in both Unicode and
/// Punycode (<c>xn--</c>) form, so a lookup is one hash probe per label of the host and allocates nothing;
/// the answer is in the same form as the input.</para>
/// <para>Instances are immutable and safe to share between threads.</para>
/// </remarks>
public sealed class PublicSuffixList
{
    /// <summary>Hosts longer than this (UTF-16 code units) have no public suffix: a DNS name is at most 253 octets
    /// (RFC 1035 §2.3.4) and the Unicode form of a long IDN stays well under this.</summary>
    public const int MaxHostLength = 1024;

    /// <summary>Largest list file <see cref="LoadFile"/> reads, in bytes (the list is about 330 kB today).</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    // Per rule text, bits: Normal/Wildcard/Exception for ICANN (0-2) and for PRIVATE (3-5).
    private const byte NormalBit = 1, WildcardBit = 2, ExceptionBit = 4;

    private static readonly Lazy<PublicSuffixList> EmbeddedList = new(LoadEmbedded);

    private readonly FrozenDictionary<string, byte> _rules;
    private readonly FrozenDictionary<string, byte>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>The same rules compared ordinally (rule texts are lowercased on load), for lowercase ASCII hosts.</summary>
    private readonly FrozenDictionary<string, byte>.AlternateLookup<ReadOnlySpan<char>> _ordinal;

    private PublicSuffixList(Dictionary<string, byte> rules, int icannRules, int privateRules, string source)
    {
        _rules = rules.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _lookup = _rules.GetAlternateLookup<ReadOnlySpan<char>>();
        _ordinal = rules.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        IcannRuleCount = icannRules;
        PrivateRuleCount = privateRules;
        Source = source;
    }

    /// <summary>The list embedded in NeedToKnow.Links (loaded once, on first use).</summary>
    public static PublicSuffixList Default => EmbeddedList.Value;

    /// <summary>Number of rules read from the ICANN section.</summary>
    public int IcannRuleCount { get; }

    /// <summary>Number of rules read from the PRIVATE section.</summary>
    public int PrivateRuleCount { get; }

    /// <summary>Where the list came from: <c>embedded</c> or the file path.</summary>
    public string Source { get; }

    /// <summary>Reads a list in the <c>public_suffix_list.dat</c> format.</summary>
    /// <param name="reader">UTF-8 text: one rule per line, <c>//</c> comments, the first whitespace-delimited token counts.</param>
    /// <param name="source">A name for <see cref="Source"/>.</param>
    /// <returns>The list.</returns>
    /// <exception cref="InvalidDataException">The text holds no rule.</exception>
    public static PublicSuffixList Load(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rules = new Dictionary<string, byte>(StringComparer.OrdinalIgnoreCase);
        var section = PublicSuffixSection.Icann; // rules before any marker are treated as ICANN
        int icann = 0, priv = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var text = line.AsSpan().Trim();
            if (text.StartsWith("//", StringComparison.Ordinal))
            {
                if (text.Contains("===BEGIN PRIVATE DOMAINS===", StringComparison.Ordinal))
                {
                    section = PublicSuffixSection.Private;
                }
                else if (text.Contains("===BEGIN ICANN DOMAINS===", StringComparison.Ordinal))
                {
                    section = PublicSuffixSection.Icann;
                }

                continue;
            }

            var end = text.IndexOfAny(' ', '\t');
            var rule = (end < 0 ? text : text[..end]).ToString().ToLowerInvariant();
            if (rule.Length == 0)
            {
                continue;
            }

            AddRule(rules, rule, section);
            if (section == PublicSuffixSection.Private)
            {
                priv++;
            }
            else
            {
                icann++;
            }
        }

        if (icann + priv == 0)
        {
            throw new InvalidDataException($"the public suffix list `{source}` holds no rule");
        }

        return new PublicSuffixList(rules, icann, priv, source);
    }

    /// <summary>Reads an operator's copy of the list from a file.</summary>
    /// <param name="path">Path of a <c>public_suffix_list.dat</c> file, at most <see cref="MaxFileBytes"/> bytes.</param>
    /// <returns>The list.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="InvalidDataException">The file is larger than <see cref="MaxFileBytes"/> or holds no rule.</exception>
    public static PublicSuffixList LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var length = new FileInfo(path).Length;
        if (length > MaxFileBytes)
        {
            throw new InvalidDataException($"the public suffix list `{path}` is {length} bytes: the limit is {MaxFileBytes} bytes");
        }

        using var reader = new StreamReader(path, Encoding.UTF8);
        return Load(reader, path);
    }

    /// <summary>Finds the public suffix and the registrable domain of <paramref name="host"/> without allocating.</summary>
    /// <param name="host">A host name, in Unicode or Punycode form, any case; one trailing dot is ignored.</param>
    /// <param name="match">The offsets into <paramref name="host"/>.</param>
    /// <param name="sections">Which sections' rules count (both by default).</param>
    /// <returns>False when the host is empty, longer than <see cref="MaxHostLength"/>, starts with a dot or has an empty label.</returns>
    public bool TryMatch(ReadOnlySpan<char> host, out PublicSuffixMatch match, PublicSuffixSection sections = PublicSuffixSection.All)
    {
        match = default;
        if (host.Length > 0 && host[^1] == '.')
        {
            host = host[..^1];
        }

        if (host.Length == 0 || host.Length > MaxHostLength || host[0] == '.')
        {
            return false;
        }

        var mask = (byte)(((sections & PublicSuffixSection.Icann) != 0 ? 0b000111 : 0) | ((sections & PublicSuffixSection.Private) != 0 ? 0b111000 : 0));
        var bestLabels = 0;
        var bestSection = PublicSuffixSection.None;
        var exceptionLabels = -1;
        var exceptionSection = PublicSuffixSection.None;
        var labels = 0;
        var end = host.Length;
        var lookup = Policy.DomainSet.IsLowercaseAscii(host) ? _ordinal : _lookup;
        while (end > 0)
        {
            var dot = host[..end].LastIndexOf('.');
            var start = dot + 1;
            if (start == end)
            {
                return false; // empty label
            }

            labels++;
            var moreLabels = dot >= 0;
            if (lookup.TryGetValue(host[start..], out var bits) && (bits &= mask) != 0)
            {
                var section = (bits & 0b000111) != 0 ? PublicSuffixSection.Icann : PublicSuffixSection.Private;
                var kinds = (byte)((bits | (bits >> 3)) & 0b111);
                if ((kinds & ExceptionBit) != 0 && exceptionLabels < 0)
                {
                    exceptionLabels = labels - 1;
                    exceptionSection = section;
                }

                if ((kinds & NormalBit) != 0 && labels > bestLabels)
                {
                    bestLabels = labels;
                    bestSection = section;
                }

                if ((kinds & WildcardBit) != 0 && moreLabels && labels + 1 > bestLabels)
                {
                    bestLabels = labels + 1;
                    bestSection = section;
                }
            }

            end = dot < 0 ? 0 : dot;
        }

        if (exceptionLabels >= 0)
        {
            bestLabels = exceptionLabels;
            bestSection = exceptionSection;
        }
        else if (bestLabels == 0)
        {
            bestLabels = 1; // the default rule "*"
        }

        var suffixStart = StartOfLastLabels(host, bestLabels);
        var registrableStart = bestLabels < labels ? StartOfLastLabels(host, bestLabels + 1) : -1;
        match = new PublicSuffixMatch(suffixStart, registrableStart, bestSection, host.Length);
        return true;
    }

    /// <summary>The registrable domain (eTLD+1) of <paramref name="host"/>, lower-cased, in the same form (Unicode or Punycode) as the input.</summary>
    /// <param name="host">A host name, or null.</param>
    /// <param name="sections">Which sections' rules count (both by default).</param>
    /// <returns>E.g. <c>example.co.uk</c> for <c>WWW.Example.co.uk</c>; null when the host is null, malformed or itself a public suffix.</returns>
    public string? GetRegistrableDomain(string? host, PublicSuffixSection sections = PublicSuffixSection.All)
    {
        if (host is null || !TryMatch(host, out var match, sections) || !match.HasRegistrableDomain)
        {
            return null;
        }

        return host[match.RegistrableStart..match.Length].ToLowerInvariant();
    }

    /// <summary>The public suffix of <paramref name="host"/>, lower-cased.</summary>
    /// <param name="host">A host name, or null.</param>
    /// <param name="sections">Which sections' rules count (both by default).</param>
    /// <returns>E.g. <c>co.uk</c>; null when the host is null or malformed.</returns>
    public string? GetPublicSuffix(string? host, PublicSuffixSection sections = PublicSuffixSection.All)
    {
        if (host is null || !TryMatch(host, out var match, sections))
        {
            return null;
        }

        return host[match.SuffixStart..match.Length].ToLowerInvariant();
    }

    private static int StartOfLastLabels(ReadOnlySpan<char> host, int count)
    {
        var end = host.Length;
        for (var i = 0; i < count; i++)
        {
            var dot = host[..end].LastIndexOf('.');
            if (dot < 0)
            {
                return 0;
            }

            if (i == count - 1)
            {
                return dot + 1;
            }

            end = dot;
        }

        return 0;
    }

    private static void AddRule(Dictionary<string, byte> rules, string rule, PublicSuffixSection section)
    {
        byte kind = NormalBit;
        if (rule.StartsWith('!'))
        {
            kind = ExceptionBit;
            rule = rule[1..];
        }
        else if (rule.StartsWith("*.", StringComparison.Ordinal))
        {
            kind = WildcardBit;
            rule = rule[2..];
        }

        var bit = (byte)(section == PublicSuffixSection.Private ? kind << 3 : kind);
        Set(rules, rule, bit);
        var ascii = ToPunycode(rule);
        if (ascii is not null)
        {
            Set(rules, ascii, bit);
        }
    }

    private static void Set(Dictionary<string, byte> rules, string key, byte bit)
    {
        rules.TryGetValue(key, out var bits);
        rules[key] = (byte)(bits | bit);
    }

    private static string? ToPunycode(string rule)
    {
        if (!rule.AsSpan().ContainsAnyExceptInRange((char)0, (char)0x7F))
        {
            return null;
        }

        var labels = rule.Split('.');
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

        return string.Join('.', labels);
    }

    private static PublicSuffixList LoadEmbedded()
    {
        using var stream = typeof(PublicSuffixList).Assembly.GetManifestResourceStream("NeedToKnow.Links.Data.public_suffix_list.dat")
            ?? throw new InvalidOperationException("the embedded public suffix list is missing from NeedToKnow.Links");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Load(reader, "embedded");
    }
}
