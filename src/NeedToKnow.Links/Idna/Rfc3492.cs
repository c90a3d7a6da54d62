namespace NeedToKnow.Links.Idna;

/// <summary>Punycode (RFC 3492) over code points, without the <c>xn--</c> prefix; overflow and bad digits fail.</summary>
internal static class Rfc3492
{
    // RFC 3492 §5 parameter values.
    private const int Base = 36, TMin = 1, TMax = 26, Skew = 38, Damp = 700, InitialBias = 72, InitialN = 128;

    /// <summary>RFC 3492 §6.2 decoding; appends code points to <paramref name="output"/>.</summary>
    public static bool Decode(ReadOnlySpan<char> input, List<int> output)
    {
        var start = output.Count;
        var b = input.LastIndexOf('-');
        var inPos = 0;
        if (b > 0)
        {
            foreach (var c in input[..b])
            {
                if (c >= 0x80)
                {
                    return false;
                }

                output.Add(c);
            }

            inPos = b + 1;
        }

        int n = InitialN, i = 0, bias = InitialBias;
        while (inPos < input.Length)
        {
            int oldi = i, w = 1;
            for (var k = Base; ; k += Base)
            {
                if (inPos >= input.Length)
                {
                    return false;
                }

                var digit = DigitValue(input[inPos++]);
                if (digit >= Base || digit > (int.MaxValue - i) / w)
                {
                    return false;
                }

                i += digit * w;
                var t = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
                if (digit < t)
                {
                    break;
                }

                if (w > int.MaxValue / (Base - t))
                {
                    return false;
                }

                w *= Base - t;
            }

            var count = output.Count - start + 1;
            bias = Adapt(i - oldi, count, oldi == 0);
            if (i / count > int.MaxValue - n)
            {
                return false;
            }

            n += i / count;
            i %= count;
            if (n > 0x10FFFF || n is >= 0xD800 and <= 0xDFFF)
            {
                return false;
            }

            output.Insert(start + i, n);
            i++;
        }

        return true;
    }

    /// <summary>RFC 3492 §6.3 encoding of <paramref name="input"/> code points; false on overflow.</summary>
    public static bool Encode(ReadOnlySpan<int> input, Text.CharBuffer output)
    {
        var basic = 0;
        foreach (var cp in input)
        {
            if (cp < 0x80)
            {
                output.Append((char)cp);
                basic++;
            }
        }

        var handled = basic;
        if (basic > 0)
        {
            output.Append('-');
        }

        int n = InitialN, delta = 0, bias = InitialBias;
        while (handled < input.Length)
        {
            var m = int.MaxValue;
            foreach (var cp in input)
            {
                if (cp >= n && cp < m)
                {
                    m = cp;
                }
            }

            if ((long)(m - n) * (handled + 1) > int.MaxValue - delta)
            {
                return false;
            }

            delta += (m - n) * (handled + 1);
            n = m;
            foreach (var cp in input)
            {
                if (cp < n && ++delta == int.MaxValue)
                {
                    return false;
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

        return true;
    }

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

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0' + 26,
        >= 'a' and <= 'z' => c - 'a',
        >= 'A' and <= 'Z' => c - 'A',
        _ => Base,
    };

    private static char Digit(int d) => (char)(d < 26 ? 'a' + d : '0' + d - 26);
}
