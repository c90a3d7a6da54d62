using NeedToKnow.Review.Text;

namespace NeedToKnow.Review.Wxml;

/// <summary>What <see cref="WxmlParser"/> reads from one WXML file: start tags, inline <c>&lt;wxs&gt;</c> bodies and the line map.</summary>
internal sealed class WxmlDocument(List<WxmlElement> elements, List<WxmlScript> scripts, LineMap lines)
{
    public List<WxmlElement> Elements { get; } = elements;

    public List<WxmlScript> Scripts { get; } = scripts;

    public LineMap Lines { get; } = lines;
}
