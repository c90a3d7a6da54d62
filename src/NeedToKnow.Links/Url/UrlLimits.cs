namespace NeedToKnow.Links.Url;

/// <summary>Named limits of the URL parser for untrusted input (STYLE.md H10).</summary>
public static class UrlLimits
{
    /// <summary>
    /// The longest input accepted, in UTF-16 code units before trimming: 1,048,576 (1 Mi). Longer input fails with
    /// <see cref="UrlParseError.InputTooLong"/> without being read. Browsers cap URLs at about 2 MB; links in chats and
    /// articles are far shorter.
    /// </summary>
    public const int MaxInputLength = 1 << 20;
}
