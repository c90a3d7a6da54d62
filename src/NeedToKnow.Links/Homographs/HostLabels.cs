using NeedToKnow.Links.Text;

namespace NeedToKnow.Links.Homographs;

/// <summary>Label-wise Punycode decoding of a host (RFC 3492, RFC 5891 §5.1 <c>xn--</c> prefix); no UTS #46 mapping.</summary>
internal static class HostLabels
{
    /// <summary>Decodes each <c>xn--</c> label; a label that does not decode is kept as it is.</summary>
    public static string ToUnicode(string host)
    {
        if (!host.Contains("xn--", StringComparison.OrdinalIgnoreCase))
        {
            return host;
        }

        var labels = host.Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i].StartsWith("xn--", StringComparison.OrdinalIgnoreCase))
            {
                labels[i] = Punycode.Decode(labels[i].AsSpan(4)) ?? labels[i];
            }
        }

        return string.Join('.', labels);
    }
}
