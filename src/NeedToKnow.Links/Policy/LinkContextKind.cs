namespace NeedToKnow.Links.Policy;

/// <summary>Where a link appears; rules may apply to some contexts only.</summary>
public enum LinkContextKind
{
    /// <summary>A chat message (JSON and CLI name <c>chat</c>).</summary>
    ChatMessage,

    /// <summary>An article, e.g. an official-account post (<c>article</c>).</summary>
    Article,

    /// <summary>A share card (<c>share</c>).</summary>
    ShareCard,

    /// <summary>A navigation of a <c>web-view</c> inside a mini-program (<c>webview</c>): only the program's declared business
    /// domains and their subdomains open, over https, never an IP address
    /// (https://developers.weixin.qq.com/miniprogram/dev/framework/ability/domain.html).</summary>
    WebView,
}
