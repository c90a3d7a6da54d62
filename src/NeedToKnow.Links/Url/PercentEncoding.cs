using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using NeedToKnow.Links.Text;

namespace NeedToKnow.Links.Url;

/// <summary>
/// UTF-8 percent-encoding and percent-decoding (https://url.spec.whatwg.org/#percent-encoded-bytes). Code units are
/// read as code points; a lone surrogate is encoded as U+FFFD, as the spec's scalar value strings require.
/// </summary>
internal static class PercentEncoding
{
    // Bit i of Low = ASCII i (0..63) is in the set; bit i of High = ASCII 64 + i. C0 controls are in every set.
    private const ulong C0Low = 0x0000_0000_FFFF_FFFFUL;
    private const ulong C0High = 1UL << (0x7F - 64);
    private const ulong FragmentLow = C0Low | (1UL << ' ') | (1UL << '"') | (1UL << '<') | (1UL << '>');
    private const ulong FragmentHigh = C0High | (1UL << ('`' - 64));
    private const ulong QueryLow = C0Low | (1UL << ' ') | (1UL << '"') | (1UL << '#') | (1UL << '<') | (1UL << '>');
    private const ulong QueryHigh = C0High;
    private const ulong SpecialQueryLow = QueryLow | (1UL << '\'');
    private const ulong PathLow = QueryLow | (1UL << '?');
    private const ulong PathHigh = QueryHigh | (1UL << ('^' - 64)) | (1UL << ('`' - 64)) | (1UL << ('{' - 64)) | (1UL << ('}' - 64));
    private const ulong UserinfoLow = PathLow | (1UL << '/') | (1UL << ':') | (1UL << ';') | (1UL << '=');
    private const ulong UserinfoHigh = PathHigh | (1UL << ('@' - 64)) | (1UL << ('[' - 64)) | (1UL << ('\\' - 64)) | (1UL << (']' - 64)) | (1UL << ('^' - 64)) | (1UL << ('|' - 64));
    private const ulong ComponentLow = UserinfoLow | (1UL << '$') | (1UL << '%') | (1UL << '&') | (1UL << '+') | (1UL << ',');

    private static readonly SearchValues<char>[] CopyRuns =
    [
        CreateCopyRun(PercentEncodeSet.C0Control, string.Empty),
        CreateCopyRun(PercentEncodeSet.Fragment, string.Empty),
        CreateCopyRun(PercentEncodeSet.Query, string.Empty),
        CreateCopyRun(PercentEncodeSet.SpecialQuery, string.Empty),
        CreateCopyRun(PercentEncodeSet.Path, string.Empty),
        CreateCopyRun(PercentEncodeSet.Userinfo, string.Empty),
        CreateCopyRun(PercentEncodeSet.Component, string.Empty),
    ];

    private static ReadOnlySpan<byte> Hex => "0123456789ABCDEF"u8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool InSet(char c, PercentEncodeSet set)
    {
        if (c >= 0x7F)
        {
            return true;
        }

        var (low, high) = Masks(set);
        return c < 64 ? (low & (1UL << c)) != 0 : (high & (1UL << (c - 64))) != 0;
    }

    /// <summary>Appends <paramref name="input"/> percent-encoded with <paramref name="set"/>, copying runs of unchanged ASCII at once.</summary>
    public static void Append(CharBuffer output, ReadOnlySpan<char> input, PercentEncodeSet set)
    {
        var copy = CopyRuns[(int)set];
        while (!input.IsEmpty)
        {
            var i = input.IndexOfAnyExcept(copy);
            if (i < 0)
            {
                output.Append(input);
                return;
            }

            output.Append(input[..i]);
            var last = AppendEncodedCodePoint(output, input, i);
            input = input[(last + 1)..];
        }
    }

    /// <summary>The ASCII code points that <paramref name="set"/> leaves unchanged, minus <paramref name="exclude"/>.</summary>
    public static SearchValues<char> CreateCopyRun(PercentEncodeSet set, string exclude)
    {
        Span<char> chars = stackalloc char[0x80];
        var count = 0;
        for (var c = (char)0; c < 0x7F; c++)
        {
            if (!InSet(c, set) && !exclude.Contains(c, StringComparison.Ordinal))
            {
                chars[count++] = c;
            }
        }

        return SearchValues.Create(chars[..count]);
    }

    /// <summary>Percent-encodes the code point at <paramref name="index"/>; returns the index of its last code unit.</summary>
    public static int AppendEncodedCodePoint(CharBuffer output, ReadOnlySpan<char> input, int index)
    {
        int cp = input[index];
        if (char.IsHighSurrogate((char)cp) && index + 1 < input.Length && char.IsLowSurrogate(input[index + 1]))
        {
            cp = char.ConvertToUtf32((char)cp, input[index + 1]);
            index++;
        }
        else if (char.IsSurrogate((char)cp))
        {
            cp = 0xFFFD;
        }

        if (cp < 0x80)
        {
            AppendByte(output, cp);
        }
        else if (cp < 0x800)
        {
            AppendByte(output, 0xC0 | (cp >> 6));
            AppendByte(output, 0x80 | (cp & 0x3F));
        }
        else if (cp < 0x10000)
        {
            AppendByte(output, 0xE0 | (cp >> 12));
            AppendByte(output, 0x80 | ((cp >> 6) & 0x3F));
            AppendByte(output, 0x80 | (cp & 0x3F));
        }
        else
        {
            AppendByte(output, 0xF0 | (cp >> 18));
            AppendByte(output, 0x80 | ((cp >> 12) & 0x3F));
            AppendByte(output, 0x80 | ((cp >> 6) & 0x3F));
            AppendByte(output, 0x80 | (cp & 0x3F));
        }

        return index;
    }

    /// <summary>
    /// Percent-decodes <paramref name="input"/> (https://url.spec.whatwg.org/#percent-decode) after UTF-8 encoding it,
    /// then UTF-8 decodes without BOM, with replacement (https://encoding.spec.whatwg.org/#utf-8-decode-without-bom).
    /// </summary>
    public static void DecodeToUtf16(ReadOnlySpan<char> input, CharBuffer output)
    {
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(input.Length)];
        var utf8Length = Encoding.UTF8.GetBytes(input, bytes);
        var w = 0;
        for (var r = 0; r < utf8Length; r++)
        {
            var b = bytes[r];
            if (b == '%' && r + 2 < utf8Length && IsHex(bytes[r + 1]) && IsHex(bytes[r + 2]))
            {
                bytes[w++] = (byte)((HexValue(bytes[r + 1]) << 4) | HexValue(bytes[r + 2]));
                r += 2;
            }
            else
            {
                bytes[w++] = b;
            }
        }

        var chars = new char[Encoding.UTF8.GetMaxCharCount(w)];
        var n = Encoding.UTF8.GetChars(bytes, 0, w, chars, 0);
        output.Append(chars.AsSpan(0, n));
    }

    public static bool IsHex(int c) => (uint)(c - '0') <= 9 || (uint)((c | 0x20) - 'a') <= 5;

    public static int HexValue(int c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static (ulong Low, ulong High) Masks(PercentEncodeSet set) => set switch
    {
        PercentEncodeSet.C0Control => (C0Low, C0High),
        PercentEncodeSet.Fragment => (FragmentLow, FragmentHigh),
        PercentEncodeSet.Query => (QueryLow, QueryHigh),
        PercentEncodeSet.SpecialQuery => (SpecialQueryLow, QueryHigh),
        PercentEncodeSet.Path => (PathLow, PathHigh),
        PercentEncodeSet.Userinfo => (UserinfoLow, UserinfoHigh),
        _ => (ComponentLow, UserinfoHigh),
    };

    private static void AppendByte(CharBuffer output, int b)
    {
        output.Append('%');
        output.Append((char)Hex[b >> 4]);
        output.Append((char)Hex[b & 0xF]);
    }
}
