using System.Text;
using NeedToKnow.Links.Idna;

namespace NeedToKnow.Links.Text;

/// <summary>
/// Punycode (RFC 3492) for single labels as strings, without the <c>xn--</c> prefix: the convenience form used to index
/// Public Suffix List rules in both forms, by Safe Browsing canonicalization and to show the Unicode form of a host.
/// The algorithm itself is <see cref="Rfc3492"/> (the one UTS #46 processing uses); this class only converts.
/// </summary>
internal static class Punycode
{
    /// <summary>Encodes one label (RFC 3492 §6.3); a lone surrogate is encoded as its code unit. Returns null on overflow.</summary>
    public static string? Encode(string label)
    {
        var codePoints = new List<int>(label.Length);
        for (var i = 0; i < label.Length; i++)
        {
            if (char.IsHighSurrogate(label[i]) && i + 1 < label.Length && char.IsLowSurrogate(label[i + 1]))
            {
                codePoints.Add(char.ConvertToUtf32(label[i], label[i + 1]));
                i++;
            }
            else
            {
                codePoints.Add(label[i]);
            }
        }

        var output = new CharBuffer(label.Length + 8);
        return Rfc3492.Encode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(codePoints), output) ? output.ToString() : null;
    }

    /// <summary>Decodes one label (RFC 3492 §6.2). Returns null when the input is not valid Punycode.</summary>
    public static string? Decode(ReadOnlySpan<char> input)
    {
        var output = new List<int>(input.Length);
        if (!Rfc3492.Decode(input, output))
        {
            return null;
        }

        var sb = new StringBuilder(output.Count);
        foreach (var cp in output)
        {
            sb.Append(char.ConvertFromUtf32(cp));
        }

        return sb.ToString();
    }
}
