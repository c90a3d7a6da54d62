namespace NeedToKnow.Links.Policy;

/// <summary>Where a link appears and what surrounds it; passed by <c>in</c> to <see cref="LinkPolicy.Decide"/>.</summary>
public readonly struct LinkContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="kind">Where the link appears.</param>
    /// <param name="businessDomains">The business domains of the app the link comes from (required for <see cref="LinkContextKind.WebView"/>), or null.</param>
    /// <param name="title">The link's title (share card title, anchor text), or null.</param>
    /// <param name="surroundingText">The message or paragraph around the link, or null.</param>
    public LinkContext(LinkContextKind kind, BusinessDomains? businessDomains = null, string? title = null, string? surroundingText = null)
    {
        Kind = kind;
        BusinessDomains = businessDomains ?? BusinessDomains.None;
        Title = title;
        SurroundingText = surroundingText;
    }

    /// <summary>Where the link appears.</summary>
    public LinkContextKind Kind { get; }

    /// <summary>The business domains of the app the link comes from (empty when none).</summary>
    public BusinessDomains BusinessDomains => field ?? BusinessDomains.None;

    /// <summary>The link's title, or null.</summary>
    public string? Title { get; }

    /// <summary>The text around the link, or null.</summary>
    public string? SurroundingText { get; }

    /// <summary>A chat-message context.</summary>
    public static LinkContext Chat => new(LinkContextKind.ChatMessage);
}
