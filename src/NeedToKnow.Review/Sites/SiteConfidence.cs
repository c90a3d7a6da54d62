namespace NeedToKnow.Review.Sites;

/// <summary>How sure the reviewer is that a <see cref="PrivacySite"/> is a real use.</summary>
public enum SiteConfidence
{
    /// <summary>Found in a parsed syntax tree (JavaScript AST, WXML element or attribute).</summary>
    High,

    /// <summary>Found by the token scan of a file that did not parse (TypeScript, syntax errors); may be a false positive.</summary>
    Low,
}
