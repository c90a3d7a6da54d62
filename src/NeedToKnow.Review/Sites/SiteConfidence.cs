namespace NeedToKnow.Review.Sites;

/// <summary>How sure the reviewer is of a site.</summary>
public enum SiteConfidence
{
    /// <summary>Found on a syntax tree (JavaScript parsed by Acornima, WXML parsed).</summary>
    High,

    /// <summary>Found by the token-scan fallback for a file that did not parse (TypeScript, syntax errors).</summary>
    Low,
}
