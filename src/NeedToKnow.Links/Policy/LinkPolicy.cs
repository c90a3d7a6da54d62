using System.Collections.Frozen;
using NeedToKnow.Links.PublicSuffix;
using NeedToKnow.Links.Url;

namespace NeedToKnow.Links.Policy;

/// <summary>
/// Decides what happens to a link: open it in the app, make the user copy it to a browser, or block it
/// (DESIGN.md "Links"; issue #6). A pure function over an immutable <see cref="LinkPolicyConfig"/>: no I/O, no
/// locks, safe to share between threads.
/// </summary>
/// <remarks>
/// <para>Checks, in order; the first that fires decides:</para>
/// <list type="number">
/// <item><c>builtin/parse</c>: the WHATWG URL Standard parser rejects the input → Block (fails closed).</item>
/// <item><c>builtin/script-scheme</c>: <c>javascript:</c>, <c>data:</c>, <c>vbscript:</c> → Block.</item>
/// <item><c>builtin/credentials</c>: a user name or password before the host → Block.</item>
/// <item>in a web-view (<c>builtin/webview-*</c>): known-bad → Block; not https → Block; an IP host → Block; a business
/// domain or its subdomain → OpenInApp; anything else → Block.</item>
/// <item><c>builtin/lookalike</c>: a host outside the allowed lists (platform, external, the app's business domains)
/// whose skeleton equals one of theirs → Block.</item>
/// <item>the operator's rules in order (<c>rules/&lt;id&gt;</c>), each matching a list or a category.</item>
/// <item>the context's default (<c>default/&lt;context&gt;</c>).</item>
/// </list>
/// <para>The allow path (a platform domain in a chat message) parses the URL, probes one table per host label for the
/// lists it belongs to (built once from the configuration: domain → bit set of lists), walks the Public Suffix List
/// once, and allocates only the parsed URL (its href and the URL object); the registrable domain is an offset into the
/// href.</para>
/// </remarks>
public sealed class LinkPolicy
{
    private static readonly Lazy<LinkPolicy> DefaultPolicy = new(() => new LinkPolicy(LinkPolicyConfig.Default));
    private static readonly string[] DefaultIds = ["default/chat", "default/article", "default/share", "default/webview"];

    private readonly LinkPolicyConfig _config;
    private readonly PublicSuffixList _suffixes;

    /// <summary>Every domain of every named list → the bits of the lists that hold it (list i ↔ bit i, up to 64 lists).</summary>
    private readonly FrozenDictionary<string, ulong>.AlternateLookup<ReadOnlySpan<char>> _membership;
    private readonly ulong _platformBit;
    private readonly ulong _externalBit;
    private readonly ulong _appStoresBit;

    /// <summary>Per rule (same index as <see cref="LinkPolicyConfig.Rules"/>): the bit of its list, 0 for categories, business and lists past 64.</summary>
    private readonly ulong[] _ruleBits;

    /// <summary>Creates a policy over <paramref name="config"/>.</summary>
    /// <param name="config">A validated configuration.</param>
    /// <param name="suffixes">The Public Suffix List; <see cref="PublicSuffixList.Default"/> when null.</param>
    public LinkPolicy(LinkPolicyConfig config, PublicSuffixList? suffixes = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _suffixes = suffixes ?? PublicSuffixList.Default;

        // Precomputed at load: one table for all named lists, probed once per host label per decision.
        var bits = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var listBits = new Dictionary<string, ulong>(StringComparer.Ordinal);
        string[] first = ["platform", "external", "appStores"];
        var names = new List<string>(config.Lists.Count);
        names.AddRange(first.Where(config.Lists.ContainsKey));
        names.AddRange(config.Lists.Keys.Where(n => !first.Contains(n, StringComparer.Ordinal)));
        foreach (var name in names)
        {
            var set = config.Lists[name];
            if (listBits.Count == 64)
            {
                break; // further lists are matched one by one
            }

            var bit = 1UL << listBits.Count;
            listBits[name] = bit;
            foreach (var domain in set.Items)
            {
                bits[domain] = bits.GetValueOrDefault(domain) | bit;
            }
        }

        _membership = bits.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _platformBit = listBits.GetValueOrDefault("platform");
        _externalBit = listBits.GetValueOrDefault("external");
        _appStoresBit = listBits.GetValueOrDefault("appStores");
        _ruleBits = new ulong[config.Rules.Length];
        for (var i = 0; i < _ruleBits.Length; i++)
        {
            var rule = config.Rules[i];
            _ruleBits[i] = rule is { MatchKind: RuleMatchKind.List, ListName: not null } ? listBits.GetValueOrDefault(rule.ListName) : 0;
        }
    }

    /// <summary>The policy over the embedded default configuration.</summary>
    public static LinkPolicy Default => DefaultPolicy.Value;

    /// <summary>Decides what to do with <paramref name="url"/>.</summary>
    /// <param name="url">The link as it appears (absolute URL; leading and trailing spaces are ignored as the URL Standard does).</param>
    /// <param name="context">Where it appears.</param>
    /// <returns>The decision; never throws for any input string (an unparseable or over-long URL is blocked).</returns>
    public LinkDecision Decide(string url, in LinkContext context)
    {
        if (url is null || !WhatwgUrl.TryParse(url, out var parsed))
        {
            return new LinkDecision(LinkDecisionKind.Block, LinkReason.UrlUnparseable, "builtin/parse", null, null, null, null);
        }

        var scheme = parsed.SchemeSpan;
        if (scheme.SequenceEqual("javascript") || scheme.SequenceEqual("data") || scheme.SequenceEqual("vbscript"))
        {
            return new LinkDecision(LinkDecisionKind.Block, LinkReason.ScriptScheme, "builtin/script-scheme", parsed.Href, null, parsed.Href, parsed.Scheme + ":");
        }

        if (parsed.IncludesCredentials)
        {
            return Decision(LinkDecisionKind.Block, LinkReason.CredentialsInUrl, "builtin/credentials", parsed, parsed.HostnameSpan.ToString());
        }

        var host = parsed.HostKind == UrlHostKind.None ? default : parsed.HostnameSpan;
        var isIp = parsed.HostKind is UrlHostKind.IPv4 or UrlHostKind.IPv6;
        var business = context.BusinessDomains;
        if (context.Kind == LinkContextKind.WebView)
        {
            return DecideWebView(parsed, host, isIp, business);
        }

        // Hosts in an allowed list are not look-alikes of it; everything else is compared by skeleton.
        string? matched = null;
        var isDomain = parsed.HostKind == UrlHostKind.Domain;
        var member = isDomain ? Membership(host) : 0;
        var allowed = isDomain
            && ((member & (_platformBit | _externalBit)) != 0 || business.Set.TryMatch(host, out matched));
        if (!allowed && parsed.HostKind == UrlHostKind.Domain)
        {
            var imitated = _config.Lookalikes.FindImitated(host) ?? (business.Count > 0 ? business.Lookalikes.FindImitated(host) : null);
            if (imitated is not null)
            {
                return Decision(LinkDecisionKind.Block, LinkReason.LookalikeDomain, "builtin/lookalike", parsed, imitated);
            }
        }

        var rules = _config.Rules;
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            if (!rule.Contexts[(int)context.Kind])
            {
                continue;
            }

            if (Matches(rule, _ruleBits[i], member, parsed, host, isIp, context, out matched))
            {
                return Decision(rule.Decision, rule.Reason, rule.DecidedBy, parsed, matched);
            }
        }

        return Decision(_config.Defaults[(int)context.Kind], LinkReason.Default, DefaultIds[(int)context.Kind], parsed, null);
    }

    private LinkDecision DecideWebView(WhatwgUrl parsed, ReadOnlySpan<char> host, bool isIp, BusinessDomains business)
    {
        if (_config.KnownBad.TryMatch(host, out var bad))
        {
            return Decision(LinkDecisionKind.Block, LinkReason.KnownBad, "builtin/webview-known-bad", parsed, bad);
        }

        if (!parsed.SchemeSpan.SequenceEqual("https"))
        {
            return Decision(LinkDecisionKind.Block, LinkReason.WebViewNotHttps, "builtin/webview-https", parsed, parsed.Scheme + ":");
        }

        if (isIp)
        {
            return Decision(LinkDecisionKind.Block, LinkReason.WebViewIpHost, "builtin/webview-ip-host", parsed, parsed.Hostname);
        }

        if (business.Set.TryMatch(host, out var matched))
        {
            return Decision(LinkDecisionKind.OpenInApp, LinkReason.WebViewBusinessDomain, "builtin/webview-business-domain", parsed, matched);
        }

        return Decision(LinkDecisionKind.Block, LinkReason.WebViewNotBusinessDomain, "builtin/webview-business-domain", parsed, null);
    }

    /// <summary>The bits of the named lists that hold <paramref name="host"/> (a parsed domain: lowercase ASCII) or a parent of it.</summary>
    private ulong Membership(ReadOnlySpan<char> host)
    {
        if (host.Length > 0 && host[^1] == '.')
        {
            host = host[..^1];
        }

        ulong member = 0;
        while (true)
        {
            if (_membership.TryGetValue(host, out var bits))
            {
                member |= bits;
            }

            var dot = host.IndexOf('.');
            if (dot < 0)
            {
                return member;
            }

            host = host[(dot + 1)..];
        }
    }

    private bool Matches(LinkRule rule, ulong ruleBit, ulong member, WhatwgUrl parsed, ReadOnlySpan<char> host, bool isIp, in LinkContext context, out string? matched)
    {
        matched = null;
        if (rule.MatchKind == RuleMatchKind.List)
        {
            if (parsed.HostKind != UrlHostKind.Domain || (ruleBit != 0 && (member & ruleBit) == 0))
            {
                return false;
            }

            // The table says which lists hold the host; the list itself names the entry that matched.
            var set = rule.List ?? context.BusinessDomains.Set;
            return set.TryMatch(host, out matched);
        }

        switch (rule.Category)
        {
            case LinkCategory.AppDownload:
                return IsAppDownload(parsed, host, member, out matched);
            case LinkCategory.ShareForReward:
                return ContainsPhrase(context.Title, out matched) || ContainsPhrase(context.SurroundingText, out matched);
            case LinkCategory.IpHost:
                matched = isIp ? parsed.Hostname : null;
                return isIp;
            case LinkCategory.NonHttps:
                return parsed.SchemeSpan.SequenceEqual("http");
            case LinkCategory.NonWebScheme:
                var web = parsed.SchemeSpan.SequenceEqual("https") || parsed.SchemeSpan.SequenceEqual("http");
                matched = web ? null : parsed.Scheme + ":";
                return !web;
            case LinkCategory.UnsafeIdn:
                if (parsed.HostKind != UrlHostKind.Domain || host.IndexOf("xn--", StringComparison.Ordinal) < 0) // parsed domains are lowercase
                {
                    return false;
                }

                var idn = _config.Idn.Check(parsed.Hostname);
                matched = idn.Reason;
                return idn.Verdict != Homographs.IdnVerdict.Safe;
            default:
                return false;
        }
    }

    private bool IsAppDownload(WhatwgUrl parsed, ReadOnlySpan<char> host, ulong member, out string? matched)
    {
        matched = null;
        var scheme = parsed.SchemeSpan;
        if (!scheme.SequenceEqual("https") && !scheme.SequenceEqual("http"))
        {
            if (_config.AppSchemes.GetAlternateLookup<ReadOnlySpan<char>>().Contains(scheme))
            {
                matched = parsed.Scheme + ":";
                return true;
            }

            return false;
        }

        var path = parsed.PathSpan;
        foreach (var ext in _config.AppPackageExtensions)
        {
            if (path.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
            {
                matched = ext;
                return true;
            }
        }

        return parsed.HostKind == UrlHostKind.Domain && (member & _appStoresBit) != 0 && _config.Lists["appStores"].TryMatch(host, out matched);
    }

    private bool ContainsPhrase(string? text, out string? matched)
    {
        matched = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (var phrase in _config.ShareForRewardPhrases)
        {
            if (text.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                matched = phrase;
                return true;
            }
        }

        return false;
    }

    private LinkDecision Decision(LinkDecisionKind kind, LinkReason reason, string decidedBy, WhatwgUrl parsed, string? matched)
    {
        int registrableStart = 0, registrableLength = 0;
        var display = parsed.Href;
        if (parsed.HostKind == UrlHostKind.Domain)
        {
            var host = parsed.HostnameSpan;
            if (_suffixes.TryMatch(host, out var m) && m.HasRegistrableDomain)
            {
                registrableStart = parsed.HostStart + m.RegistrableStart;
                registrableLength = m.Length - m.RegistrableStart;
            }

            if (host.IndexOf("xn--", StringComparison.Ordinal) >= 0) // parsed domains are lowercase
            {
                var hostname = parsed.Hostname;
                var shown = _config.Idn.ToDisplayForm(hostname);
                if (!string.Equals(shown, hostname, StringComparison.Ordinal))
                {
                    var start = parsed.Href.IndexOf(hostname, StringComparison.Ordinal);
                    display = string.Concat(parsed.Href.AsSpan(0, start), shown, parsed.Href.AsSpan(start + hostname.Length));
                }
            }
        }

        return new LinkDecision(kind, reason, decidedBy, parsed.Href, registrableStart, registrableLength, display, matched);
    }
}
