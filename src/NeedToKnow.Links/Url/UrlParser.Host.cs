using System.Buffers;
using NeedToKnow.Links.Idna;
using NeedToKnow.Links.Text;

namespace NeedToKnow.Links.Url;

/// <summary>Host parsing and serialization (https://url.spec.whatwg.org/#host-parsing, #host-serializing).</summary>
internal static partial class UrlParser
{
    private const int IdnaCacheCapacity = 1024;
    private const int IdnaCacheMaxKeyLength = 253;

    [ThreadStatic]
    private static Dictionary<string, string?>? t_idnaCache;

    /// <summary>https://url.spec.whatwg.org/#forbidden-host-code-point</summary>
    private static readonly SearchValues<char> ForbiddenHost = SearchValues.Create("\0\t\n\r #/:<>?@[\\]^|");

    /// <summary>https://url.spec.whatwg.org/#forbidden-domain-code-point: forbidden host code points, C0 controls, % and U+007F.</summary>
    private static readonly SearchValues<char> ForbiddenDomain = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\t\n\u000B\u000C\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F #/:<>?@[\\]^|%\u007F");

    /// <summary>
    /// https://url.spec.whatwg.org/#concept-host-parser. On success sets the record's host and host kind; on failure
    /// leaves them unchanged.
    /// </summary>
    internal static UrlParseError ParseHost(UrlRecord url, ReadOnlySpan<char> input, bool isOpaque)
    {
        var output = url.HostScratch;
        output.Clear();
        UrlHostKind kind;
        if (input.Length > 0 && input[0] == '[')
        {
            if (input.Length < 2 || input[^1] != ']')
            {
                return UrlParseError.IPv6Unclosed;
            }

            Span<ushort> address = stackalloc ushort[8];
            if (!ParseIPv6(input[1..^1], address))
            {
                return UrlParseError.IPv6Invalid;
            }

            output.Append('[');
            SerializeIPv6(address, output);
            output.Append(']');
            kind = UrlHostKind.IPv6;
        }
        else if (isOpaque)
        {
            // https://url.spec.whatwg.org/#concept-opaque-host-parser
            if (input.ContainsAny(ForbiddenHost))
            {
                return UrlParseError.HostInvalidCodePoint;
            }

            PercentEncoding.Append(output, input, PercentEncodeSet.C0Control);
            kind = output.Length == 0 ? UrlHostKind.Empty : UrlHostKind.Opaque;
        }
        else
        {
            var domain = input;
            if (input.Contains('%'))
            {
                url.Scratch2.Clear();
                PercentEncoding.DecodeToUtf16(input, url.Scratch2);
                domain = url.Scratch2.AsSpan();
            }

            if (!DomainToAscii(domain, output, url.IdnaScratch))
            {
                return UrlParseError.DomainToAscii;
            }

            var ascii = output.AsSpan();
            if (ascii.ContainsAny(ForbiddenDomain))
            {
                return UrlParseError.DomainInvalidCodePoint;
            }

            if (EndsInANumber(ascii))
            {
                var error = ParseIPv4(ascii, out var address);
                if (error != UrlParseError.None)
                {
                    return error;
                }

                output.Clear();
                SerializeIPv4(address, output);
                kind = UrlHostKind.IPv4;
            }
            else
            {
                kind = UrlHostKind.Domain;
            }
        }

        url.Host.Set(output.AsSpan());
        url.HostKind = kind;
        return UrlParseError.None;
    }

    /// <summary>
    /// https://url.spec.whatwg.org/#concept-domain-to-ascii with beStrict false: an ASCII domain is only
    /// lowercased (its <c>xn--</c> labels are not checked, as toascii.json and urltestdata.json expect); anything
    /// else goes through UTS #46 ToASCII.
    /// </summary>
    internal static bool DomainToAscii(ReadOnlySpan<char> domain, CharBuffer output, CharBuffer scratch)
    {
        if (!System.Text.Ascii.IsValid(domain))
        {
            // UTS #46 is a pure function of the domain: a small per-thread cache spares repeated IDN hosts the work.
            var cache = t_idnaCache ??= new Dictionary<string, string?>(StringComparer.Ordinal);
            var lookup = cache.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(domain, out var cached))
            {
                if (cached is null)
                {
                    return false;
                }

                output.Append(cached);
                return cached.Length > 0;
            }

            var begin = output.Length;
            var ok = Uts46.ToAsciiForUrl(domain, output, scratch) && output.Length > begin;
            if (domain.Length <= IdnaCacheMaxKeyLength)
            {
                if (cache.Count >= IdnaCacheCapacity)
                {
                    cache.Clear();
                }

                lookup[domain] = ok ? output.AsSpan(begin).ToString() : null;
            }

            return ok;
        }

        var start = output.Length;
        output.Append(domain);
        System.Text.Ascii.ToLowerInPlace(output.AsWritableSpan()[start..], out _);
        return output.Length > start;
    }

    /// <summary>https://url.spec.whatwg.org/#ends-in-a-number-checker</summary>
    internal static bool EndsInANumber(ReadOnlySpan<char> domain)
    {
        if (domain.IsEmpty)
        {
            return false;
        }

        if (domain[^1] == '.')
        {
            domain = domain[..^1];
            if (domain.IsEmpty)
            {
                return false;
            }
        }

        var last = domain[(domain.LastIndexOf('.') + 1)..];
        if (last.IsEmpty)
        {
            return false;
        }

        var allDigits = true;
        foreach (var c in last)
        {
            if (!IsAsciiDigit(c))
            {
                allDigits = false;
                break;
            }
        }

        return allDigits || TryParseIPv4Number(last, out _);
    }

    /// <summary>https://url.spec.whatwg.org/#concept-ipv4-parser</summary>
    internal static UrlParseError ParseIPv4(ReadOnlySpan<char> input, out uint address)
    {
        address = 0;
        if (input.Length > 0 && input[^1] == '.')
        {
            input = input[..^1];
        }

        Span<ulong> numbers = stackalloc ulong[4];
        var count = 0;
        while (true)
        {
            var dot = input.IndexOf('.');
            var part = dot < 0 ? input : input[..dot];
            if (count == 4)
            {
                return UrlParseError.IPv4TooManyParts;
            }

            if (!TryParseIPv4Number(part, out numbers[count]))
            {
                return UrlParseError.IPv4NonNumericPart;
            }

            count++;
            if (dot < 0)
            {
                break;
            }

            input = input[(dot + 1)..];
        }

        for (var i = 0; i < count - 1; i++)
        {
            if (numbers[i] > 255)
            {
                return UrlParseError.IPv4OutOfRangePart;
            }
        }

        var lastValue = numbers[count - 1];
        if (lastValue >= 1UL << (8 * (5 - count)))
        {
            return UrlParseError.IPv4OutOfRangePart;
        }

        ulong ipv4 = lastValue;
        for (var i = 0; i < count - 1; i++)
        {
            ipv4 += numbers[i] << (8 * (3 - i));
        }

        address = (uint)ipv4;
        return UrlParseError.None;
    }

    /// <summary>https://url.spec.whatwg.org/#ipv4-number-parser; values saturate above 2^40 (all of them fail later).</summary>
    private static bool TryParseIPv4Number(ReadOnlySpan<char> input, out ulong value)
    {
        value = 0;
        if (input.IsEmpty)
        {
            return false;
        }

        var radix = 10;
        if (input.Length >= 2 && input[0] == '0' && (input[1] | 0x20) == 'x')
        {
            input = input[2..];
            radix = 16;
        }
        else if (input.Length >= 2 && input[0] == '0')
        {
            input = input[1..];
            radix = 8;
        }

        const ulong Saturation = 1UL << 40;
        foreach (var c in input)
        {
            int digit;
            if (IsAsciiDigit(c))
            {
                digit = c - '0';
            }
            else if (radix == 16 && PercentEncoding.IsHex(c))
            {
                digit = PercentEncoding.HexValue(c);
            }
            else
            {
                return false;
            }

            if (digit >= radix)
            {
                return false;
            }

            value = Math.Min((value * (ulong)radix) + (ulong)digit, Saturation);
        }

        return true;
    }

    /// <summary>https://url.spec.whatwg.org/#concept-ipv4-serializer</summary>
    private static void SerializeIPv4(uint address, CharBuffer output)
    {
        for (var i = 3; i >= 0; i--)
        {
            output.AppendNumber((address >> (8 * i)) & 0xFF);
            if (i != 0)
            {
                output.Append('.');
            }
        }
    }

    /// <summary>https://url.spec.whatwg.org/#concept-ipv6-parser</summary>
    internal static bool ParseIPv6(ReadOnlySpan<char> input, Span<ushort> address)
    {
        address.Clear();
        var pieceIndex = 0;
        var compress = -1;
        var pointer = 0;

        if (At(input, pointer) == ':')
        {
            if (At(input, pointer + 1) != ':')
            {
                return false;
            }

            pointer += 2;
            pieceIndex++;
            compress = pieceIndex;
        }

        while (At(input, pointer) != -1)
        {
            if (pieceIndex == 8)
            {
                return false;
            }

            if (At(input, pointer) == ':')
            {
                if (compress != -1)
                {
                    return false;
                }

                pointer++;
                pieceIndex++;
                compress = pieceIndex;
                continue;
            }

            int value = 0, length = 0;
            while (length < 4 && PercentEncoding.IsHex(At(input, pointer)))
            {
                value = (value * 0x10) + PercentEncoding.HexValue(At(input, pointer));
                pointer++;
                length++;
            }

            if (At(input, pointer) == '.')
            {
                if (length == 0)
                {
                    return false;
                }

                pointer -= length;
                if (pieceIndex > 6)
                {
                    return false;
                }

                var numbersSeen = 0;
                while (At(input, pointer) != -1)
                {
                    var ipv4Piece = -1;
                    if (numbersSeen > 0)
                    {
                        if (At(input, pointer) == '.' && numbersSeen < 4)
                        {
                            pointer++;
                        }
                        else
                        {
                            return false;
                        }
                    }

                    if (!IsAsciiDigit(At(input, pointer)))
                    {
                        return false;
                    }

                    while (IsAsciiDigit(At(input, pointer)))
                    {
                        var number = At(input, pointer) - '0';
                        if (ipv4Piece == -1)
                        {
                            ipv4Piece = number;
                        }
                        else if (ipv4Piece == 0)
                        {
                            return false;
                        }
                        else
                        {
                            ipv4Piece = (ipv4Piece * 10) + number;
                        }

                        if (ipv4Piece > 255)
                        {
                            return false;
                        }

                        pointer++;
                    }

                    address[pieceIndex] = (ushort)((address[pieceIndex] * 0x100) + ipv4Piece);
                    numbersSeen++;
                    if (numbersSeen is 2 or 4)
                    {
                        pieceIndex++;
                    }
                }

                if (numbersSeen != 4)
                {
                    return false;
                }

                break;
            }
            else if (At(input, pointer) == ':')
            {
                pointer++;
                if (At(input, pointer) == -1)
                {
                    return false;
                }
            }
            else if (At(input, pointer) != -1)
            {
                return false;
            }

            address[pieceIndex] = (ushort)value;
            pieceIndex++;
        }

        if (compress != -1)
        {
            var swaps = pieceIndex - compress;
            pieceIndex = 7;
            while (pieceIndex != 0 && swaps > 0)
            {
                (address[pieceIndex], address[compress + swaps - 1]) = (address[compress + swaps - 1], address[pieceIndex]);
                pieceIndex--;
                swaps--;
            }
        }
        else if (pieceIndex != 8)
        {
            return false;
        }

        return true;
    }

    private static int At(ReadOnlySpan<char> input, int i) => i < input.Length ? input[i] : -1;

    /// <summary>https://url.spec.whatwg.org/#concept-ipv6-serializer (without the brackets).</summary>
    private static void SerializeIPv6(ReadOnlySpan<ushort> address, CharBuffer output)
    {
        // The first longest run of two or more zero pieces is compressed.
        int compress = -1, bestLength = 1;
        for (var i = 0; i < 8;)
        {
            if (address[i] != 0)
            {
                i++;
                continue;
            }

            var j = i;
            while (j < 8 && address[j] == 0)
            {
                j++;
            }

            if (j - i > bestLength)
            {
                bestLength = j - i;
                compress = i;
            }

            i = j;
        }

        var ignore0 = false;
        Span<char> hex = stackalloc char[4];
        for (var i = 0; i < 8; i++)
        {
            if (ignore0 && address[i] == 0)
            {
                continue;
            }

            ignore0 = false;
            if (compress == i)
            {
                output.Append(i == 0 ? "::" : ":");
                ignore0 = true;
                continue;
            }

            address[i].TryFormat(hex, out var written, "x");
            output.Append(hex[..written]);
            if (i != 7)
            {
                output.Append(':');
            }
        }
    }
}
