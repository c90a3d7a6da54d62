namespace NeedToKnow.Review.Wxml;

/// <summary>One WXML start tag: the tag name, the offset of its opening <c>&lt;</c> and its attributes in source order.</summary>
internal sealed class WxmlElement(string tag, int offset, List<WxmlAttribute> attributes)
{
    public string Tag { get; } = tag;

    public int Offset { get; } = offset;

    public List<WxmlAttribute> Attributes { get; } = attributes;

    /// <summary>The last attribute named <paramref name="name"/> (a later duplicate wins, as in WeChat's compiler), or null.</summary>
    public WxmlAttribute? Attribute(string name)
    {
        for (var i = Attributes.Count - 1; i >= 0; i--)
        {
            if (string.Equals(Attributes[i].Name, name, StringComparison.Ordinal))
            {
                return Attributes[i];
            }
        }

        return null;
    }
}
