namespace NeedToKnow.Links.Policy;

/// <summary>
/// Why a link decision was made: stable reason codes (STYLE.md H5). The number is the code; the kebab-case name
/// (<see cref="LinkReasons.Name"/>) is what JSON output shows. Sources are cited per member.
/// </summary>
public enum LinkReason
{
    /// <summary>1 <c>url-unparseable</c>: the URL Standard parser rejected the input, or it exceeded a limit; fails closed.</summary>
    UrlUnparseable = 1,

    /// <summary>2 <c>script-scheme</c>: <c>javascript:</c>, <c>data:</c> or <c>vbscript:</c> runs code or hides content (OWASP XSS prevention).</summary>
    ScriptScheme = 2,

    /// <summary>3 <c>credentials-in-url</c>: user info before the host (<c>https://trusted.com@evil.com</c>) disguises the real host (RFC 3986 §7.6).</summary>
    CredentialsInUrl = 3,

    /// <summary>4 <c>lookalike-domain</c>: the registrable domain's UTS #39 skeleton equals that of an allowed domain.</summary>
    LookalikeDomain = 4,

    /// <summary>5 <c>known-bad</c>: the host is in the operator's known-bad list.</summary>
    KnownBad = 5,

    /// <summary>6 <c>webview-not-https</c>: web-view pages load over https only (WeChat business-domain rules).</summary>
    WebViewNotHttps = 6,

    /// <summary>7 <c>webview-ip-host</c>: web-view pages may not use an IP address (WeChat business-domain rules).</summary>
    WebViewIpHost = 7,

    /// <summary>8 <c>webview-not-business-domain</c>: the host is not a declared business domain of the mini-program or a subdomain of one.</summary>
    WebViewNotBusinessDomain = 8,

    /// <summary>9 <c>webview-business-domain</c>: the host is a declared business domain (or a subdomain of one).</summary>
    WebViewBusinessDomain = 9,

    /// <summary>10 <c>platform-domain</c>: the platform's own domain.</summary>
    PlatformDomain = 10,

    /// <summary>11 <c>business-domain</c>: a business domain of the app the link comes from.</summary>
    BusinessDomain = 11,

    /// <summary>12 <c>external-domain</c>: a domain in the operator's external allow list.</summary>
    ExternalDomain = 12,

    /// <summary>13 <c>rival-platform</c>: a rival platform's domain (WeChat external-link rules, 2019-10-28).</summary>
    RivalPlatform = 13,

    /// <summary>14 <c>app-download</c>: an app package (<c>.apk</c>, <c>.ipa</c>), an app-store page or an app deep-link scheme (MIIT document 164 (2020) §3.1).</summary>
    AppDownload = 14,

    /// <summary>15 <c>url-shortener</c>: the destination is unknown until the shortener redirects.</summary>
    UrlShortener = 15,

    /// <summary>16 <c>share-for-reward</c>: the title or surrounding text lures users into sharing for rewards (WeChat external-link rules, 2019-10-28: 集赞, 助力, 砍价...).</summary>
    ShareForReward = 16,

    /// <summary>17 <c>unsafe-idn</c>: the host's Unicode form is unsafe to show (Chromium's IDN display policy).</summary>
    UnsafeIdn = 17,

    /// <summary>18 <c>ip-host</c>: the host is an IP address.</summary>
    IpHost = 18,

    /// <summary>19 <c>non-https</c>: the scheme is <c>http</c>.</summary>
    NonHttps = 19,

    /// <summary>20 <c>non-web-scheme</c>: a scheme other than http and https (<c>mailto:</c>, <c>tel:</c>, an unknown app scheme).</summary>
    NonWebScheme = 20,

    /// <summary>21 <c>list-match</c>: the host is in an operator-defined list.</summary>
    ListMatch = 21,

    /// <summary>22 <c>default</c>: no rule matched; the context's default applied.</summary>
    Default = 22,
}
