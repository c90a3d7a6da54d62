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
/// <para>The allow path (a platform domain in a chat message) parses the URL, probes hash sets per host label and
/// allocates only the parsed URL and the registrable-domain string.</para>
/// </remarks>
public sealed class LinkPolicy
{
    private static readonly Lazy<LinkPolicy> DefaultPolicy = new(() => new LinkPolicy(LinkPolicyConfig.Default));
    private static readonly string[] DefaultIds = ["default/chat", "default/article", "default/share", "default/webview"];

    private readonly LinkPolicyConfig _config;
    private readonly PublicSuffixList _suffixes;

    /// <summary>Creates a policy over <paramref name="config"/>.</summary>
    /// <param name="config">A validated configuration.</param>
    /// <param name="suffixes">The Public Suffix List; <see cref="PublicSuffixList.Default"/> when null.</param>
    public LinkPolicy(LinkPolicyConfig config, PublicSuffixList? suffixes = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _suffixes = suffixes ?? PublicSuffixList.Default;
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
        var allowed = parsed.HostKind == UrlHostKind.Domain
            && (InList("platform", host) || InList("external", host) || business.Set.TryMatch(host, out matched));
        if (!allowed && parsed.HostKind == UrlHostKind.Domain)
        {
            var hostText = parsed.Hostname;
            var imitated = _config.Lookalikes.FindImitated(hostText) ?? (business.Count > 0 ? business.Lookalikes.FindImitated(hostText) : null);
            if (imitated is not null)
            {
                return Decision(LinkDecisionKind.Block, LinkReason.LookalikeDomain, "builtin/lookalike", parsed, imitated);
            }
        }

        foreach (var rule in _config.Rules)
        {
            if (!rule.Contexts[(int)context.Kind])
            {
                continue;
            }

            if (Matches(rule, parsed, host, isIp, context, out matched))
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

    private bool InList(string name, ReadOnlySpan<char> host) => _config.Lists.TryGetValue(name, out var set) && set.TryMatch(host, out _);

    private bool Matches(LinkRule rule, WhatwgUrl parsed, ReadOnlySpan<char> host, bool isIp, in LinkContext context, out string? matched)
    {
        matched = null;
        if (rule.MatchKind == RuleMatchKind.List)
        {
            var set = rule.List ?? context.BusinessDomains.Set;
            return parsed.HostKind == UrlHostKind.Domain && set.TryMatch(host, out matched);
        }

        switch (rule.Category)
        {
            case LinkCategory.AppDownload:
                return IsAppDownload(parsed, host, out matched);
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
                if (parsed.HostKind != UrlHostKind.Domain || host.IndexOf("xn--", StringComparison.OrdinalIgnoreCase) < 0)
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

    private bool IsAppDownload(WhatwgUrl parsed, ReadOnlySpan<char> host, out string? matched)
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

        return parsed.HostKind == UrlHostKind.Domain && _config.Lists.TryGetValue("appStores", out var stores) && stores.TryMatch(host, out matched);
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
        string? registrable = null;
        var display = parsed.Href;
        if (parsed.HostKind == UrlHostKind.Domain)
        {
            var host = parsed.HostnameSpan;
            if (_suffixes.TryMatch(host, out var m) && m.HasRegistrableDomain)
            {
                registrable = host[m.RegistrableStart..m.Length].ToString();
            }

            if (host.IndexOf("xn--", StringComparison.OrdinalIgnoreCase) >= 0)
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

        return new LinkDecision(kind, reason, decidedBy, parsed.Href, registrable, display, matched);
    }
}
