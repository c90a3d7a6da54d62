namespace NeedToKnow.Links.Policy;

/// <summary>Names of <see cref="LinkReason"/> codes as JSON and the CLI show them.</summary>
public static class LinkReasons
{
    private static readonly string[] Names =
    [
        "", "url-unparseable", "script-scheme", "credentials-in-url", "lookalike-domain", "known-bad", "webview-not-https",
        "webview-ip-host", "webview-not-business-domain", "webview-business-domain", "platform-domain", "business-domain",
        "external-domain", "rival-platform", "app-download", "url-shortener", "share-for-reward", "unsafe-idn", "ip-host",
        "non-https", "non-web-scheme", "list-match", "default",
    ];

    /// <summary>The kebab-case name of <paramref name="reason"/>, e.g. <c>rival-platform</c>.</summary>
    /// <param name="reason">A reason code.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined code.</exception>
    public static string Name(LinkReason reason)
    {
        var i = (int)reason;
        return i > 0 && i < Names.Length ? Names[i] : throw new ArgumentOutOfRangeException(nameof(reason), reason, "not a link reason code");
    }
}
