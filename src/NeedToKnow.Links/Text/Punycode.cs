using System.Text;

namespace NeedToKnow.Links.Text;

/// <summary>
/// Punycode (RFC 3492) for single labels, without the <c>xn--</c> prefix. Used to index Public Suffix List rules in
/// both forms and to show the Unicode form of a host; the full UTS #46 processing lives in <c>NeedToKnow.Links.Idna</c>.
/// </summary>
internal static class Punycode
{
    // RFC 3492 §5: parameter values for Punycode.
    private const int Base = 36, TMin = 1, TMax = 26, Skew = 38, Damp = 700, InitialBias = 72, InitialN = 128;

    /// <summary>Encodes one label (RFC 3492 §6.3). Returns null on overflow.</summary>
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

        var output = new StringBuilder();
        foreach (var cp in codePoints)
        {
            if (cp < 0x80)
            {
                output.Append((char)cp);
            }
        }

        var basic = output.Length;
        var handled = basic;
        if (basic > 0)
        {
            output.Append('-');
        }

        int n = InitialN, delta = 0, bias = InitialBias;
        while (handled < codePoints.Count)
        {
            var m = int.MaxValue;
            foreach (var cp in codePoints)
            {
                if (cp >= n && cp < m)
                {
                    m = cp;
                }
            }

            if ((long)(m - n) * (handled + 1) + delta > int.MaxValue)
            {
                return null;
            }

            delta += (m - n) * (handled + 1);
            n = m;
            foreach (var cp in codePoints)
            {
                if (cp < n && ++delta == 0)
                {
                    return null;
                }

                if (cp == n)
                {
                    var q = delta;
                    for (var k = Base; ; k += Base)
                    {
                        var t = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
                        if (q < t)
                        {
                            break;
                        }

                        output.Append(Digit(t + ((q - t) % (Base - t))));
                        q = (q - t) / (Base - t);
                    }

                    output.Append(Digit(q));
                    bias = Adapt(delta, handled + 1, handled == basic);
                    delta = 0;
                    handled++;
                }
            }

            delta++;
            n++;
        }

        return output.ToString();
    }

    /// <summary>Decodes one label (RFC 3492 §6.2). Returns null when the input is not valid Punycode.</summary>
    public static string? Decode(ReadOnlySpan<char> input)
    {
        var output = new List<int>(input.Length);
        var lastDash = input.LastIndexOf('-');
        var b = lastDash < 0 ? 0 : lastDash;
        for (var j = 0; j < b; j++)
        {
            if (input[j] >= 0x80)
            {
                return null;
            }

            output.Add(input[j]);
        }

        int n = InitialN, i = 0, bias = InitialBias;
        for (var pos = b > 0 ? b + 1 : 0; pos < input.Length;)
        {
            var oldI = i;
            var w = 1;
            for (var k = Base; ; k += Base)
            {
                if (pos >= input.Length)
                {
                    return null;
                }

                var digit = DigitValue(input[pos++]);
                if (digit < 0 || digit > (int.MaxValue - i) / w)
                {
                    return null;
                }

                i += digit * w;
                var t = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
                if (digit < t)
                {
                    break;
                }

                if (w > int.MaxValue / (Base - t))
                {
                    return null;
                }

                w *= Base - t;
            }

            bias = Adapt(i - oldI, output.Count + 1, oldI == 0);
            if (i / (output.Count + 1) > int.MaxValue - n)
            {
                return null;
            }

            n += i / (output.Count + 1);
            i %= output.Count + 1;
            if (n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF))
            {
                return null;
            }

            output.Insert(i, n);
            i++;
        }

        var sb = new StringBuilder(output.Count);
        foreach (var cp in output)
        {
            sb.Append(char.ConvertFromUtf32(cp));
        }

        return sb.ToString();
    }

    private static char Digit(int d) => (char)(d < 26 ? 'a' + d : '0' + d - 26);

    private static int DigitValue(char c) => c switch
    {
        >= 'a' and <= 'z' => c - 'a',
        >= 'A' and <= 'Z' => c - 'A',
        >= '0' and <= '9' => c - '0' + 26,
        _ => -1,
    };

    // RFC 3492 §6.1.
    private static int Adapt(int delta, int numPoints, bool firstTime)
    {
        delta = firstTime ? delta / Damp : delta / 2;
        delta += delta / numPoints;
        var k = 0;
        while (delta > ((Base - TMin) * TMax) / 2)
        {
            delta /= Base - TMin;
            k += Base;
        }

        return k + (((Base - TMin + 1) * delta) / (delta + Skew));
    }
}
