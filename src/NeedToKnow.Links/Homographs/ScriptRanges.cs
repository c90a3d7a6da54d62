using System.Globalization;

namespace NeedToKnow.Links.Homographs;

/// <summary>
/// The script of a code point, from a table of block ranges. Unicode's Scripts.txt is not in ../shared, so this is
/// an approximation documented in docs/links.md: each block of a script maps to that script (UAX #24 assigns almost
/// all of a script block's characters to that script), ASCII and general punctuation are Common, and the generic
/// combining-mark blocks are Inherited. It is exact for the scripts the display policy reasons about (Latin,
/// Greek, Cyrillic, CJK, Hangul, the Indic scripts, Hebrew, Arabic); anything not listed is <see cref="UnicodeScript.Other"/>.
/// </summary>
internal static class ScriptRanges
{
    private static readonly (int Start, int End, UnicodeScript Script)[] Ranges =
    [
        (0x0000, 0x0040, UnicodeScript.Common), (0x0041, 0x005A, UnicodeScript.Latin), (0x005B, 0x0060, UnicodeScript.Common),
        (0x0061, 0x007A, UnicodeScript.Latin), (0x007B, 0x00BF, UnicodeScript.Common), (0x00C0, 0x00D6, UnicodeScript.Latin),
        (0x00D7, 0x00D7, UnicodeScript.Common), (0x00D8, 0x00F6, UnicodeScript.Latin), (0x00F7, 0x00F7, UnicodeScript.Common),
        (0x00F8, 0x02AF, UnicodeScript.Latin), (0x02B0, 0x02FF, UnicodeScript.Common), (0x0300, 0x036F, UnicodeScript.Inherited),
        (0x0370, 0x03E1, UnicodeScript.Greek), (0x03E2, 0x03EF, UnicodeScript.Coptic), (0x03F0, 0x03FF, UnicodeScript.Greek),
        (0x0400, 0x052F, UnicodeScript.Cyrillic), (0x0530, 0x058F, UnicodeScript.Armenian), (0x0590, 0x05FF, UnicodeScript.Hebrew),
        (0x0600, 0x06FF, UnicodeScript.Arabic), (0x0700, 0x074F, UnicodeScript.Other), (0x0750, 0x077F, UnicodeScript.Arabic),
        (0x0780, 0x07BF, UnicodeScript.Thaana), (0x07C0, 0x089F, UnicodeScript.Other), (0x08A0, 0x08FF, UnicodeScript.Arabic),
        (0x0900, 0x097F, UnicodeScript.Devanagari), (0x0980, 0x09FF, UnicodeScript.Bengali), (0x0A00, 0x0A7F, UnicodeScript.Gurmukhi),
        (0x0A80, 0x0AFF, UnicodeScript.Gujarati), (0x0B00, 0x0B7F, UnicodeScript.Oriya), (0x0B80, 0x0BFF, UnicodeScript.Tamil),
        (0x0C00, 0x0C7F, UnicodeScript.Telugu), (0x0C80, 0x0CFF, UnicodeScript.Kannada), (0x0D00, 0x0D7F, UnicodeScript.Malayalam),
        (0x0D80, 0x0DFF, UnicodeScript.Sinhala), (0x0E00, 0x0E7F, UnicodeScript.Thai), (0x0E80, 0x0EFF, UnicodeScript.Lao),
        (0x0F00, 0x0FFF, UnicodeScript.Tibetan), (0x1000, 0x109F, UnicodeScript.Myanmar), (0x10A0, 0x10FF, UnicodeScript.Georgian),
        (0x1100, 0x11FF, UnicodeScript.Hangul), (0x1200, 0x139F, UnicodeScript.Ethiopic), (0x13A0, 0x13FF, UnicodeScript.Cherokee),
        (0x1400, 0x167F, UnicodeScript.CanadianAboriginal), (0x1680, 0x177F, UnicodeScript.Other), (0x1780, 0x17FF, UnicodeScript.Khmer),
        (0x1800, 0x18AF, UnicodeScript.Mongolian), (0x18B0, 0x18FF, UnicodeScript.CanadianAboriginal), (0x1900, 0x1AAF, UnicodeScript.Other),
        (0x1AB0, 0x1AFF, UnicodeScript.Inherited), (0x1B00, 0x1C7F, UnicodeScript.Other), (0x1C80, 0x1C8F, UnicodeScript.Cyrillic),
        (0x1C90, 0x1CBF, UnicodeScript.Georgian), (0x1CC0, 0x1CFF, UnicodeScript.Other), (0x1D00, 0x1D2B, UnicodeScript.Latin),
        (0x1D2C, 0x1D7F, UnicodeScript.Latin), (0x1D80, 0x1DBF, UnicodeScript.Latin), (0x1DC0, 0x1DFF, UnicodeScript.Inherited),
        (0x1E00, 0x1EFF, UnicodeScript.Latin), (0x1F00, 0x1FFF, UnicodeScript.Greek), (0x2000, 0x20CF, UnicodeScript.Common),
        (0x20D0, 0x20FF, UnicodeScript.Inherited), (0x2100, 0x2BFF, UnicodeScript.Common), (0x2C00, 0x2C5F, UnicodeScript.Other),
        (0x2C60, 0x2C7F, UnicodeScript.Latin), (0x2C80, 0x2CFF, UnicodeScript.Coptic), (0x2D00, 0x2D2F, UnicodeScript.Georgian),
        (0x2D30, 0x2D7F, UnicodeScript.Tifinagh), (0x2D80, 0x2DDF, UnicodeScript.Ethiopic), (0x2DE0, 0x2DFF, UnicodeScript.Cyrillic),
        (0x2E00, 0x2E7F, UnicodeScript.Common), (0x2E80, 0x2FDF, UnicodeScript.Han), (0x2FE0, 0x3004, UnicodeScript.Common),
        (0x3005, 0x3005, UnicodeScript.Han), (0x3006, 0x3006, UnicodeScript.Common), (0x3007, 0x3007, UnicodeScript.Han),
        (0x3008, 0x3020, UnicodeScript.Common), (0x3021, 0x3029, UnicodeScript.Han), (0x302A, 0x302D, UnicodeScript.Inherited),
        (0x302E, 0x3037, UnicodeScript.Common), (0x3038, 0x303B, UnicodeScript.Han), (0x303C, 0x3040, UnicodeScript.Common),
        (0x3041, 0x3096, UnicodeScript.Hiragana), (0x3097, 0x3098, UnicodeScript.Unknown), (0x3099, 0x309A, UnicodeScript.Inherited),
        (0x309B, 0x309C, UnicodeScript.Common), (0x309D, 0x309F, UnicodeScript.Hiragana), (0x30A0, 0x30A0, UnicodeScript.Common),
        (0x30A1, 0x30FA, UnicodeScript.Katakana), (0x30FB, 0x30FC, UnicodeScript.Common), (0x30FD, 0x30FF, UnicodeScript.Katakana),
        (0x3100, 0x312F, UnicodeScript.Bopomofo), (0x3130, 0x318F, UnicodeScript.Hangul), (0x3190, 0x319F, UnicodeScript.Common),
        (0x31A0, 0x31BF, UnicodeScript.Bopomofo), (0x31C0, 0x31EF, UnicodeScript.Common), (0x31F0, 0x31FF, UnicodeScript.Katakana),
        (0x3200, 0x33FF, UnicodeScript.Common), (0x3400, 0x4DBF, UnicodeScript.Han), (0x4DC0, 0x4DFF, UnicodeScript.Common),
        (0x4E00, 0x9FFF, UnicodeScript.Han), (0xA000, 0xA4CF, UnicodeScript.Yi), (0xA4D0, 0xA4FF, UnicodeScript.Lisu),
        (0xA500, 0xA63F, UnicodeScript.Vai), (0xA640, 0xA69F, UnicodeScript.Cyrillic), (0xA6A0, 0xA6FF, UnicodeScript.Other),
        (0xA700, 0xA721, UnicodeScript.Common), (0xA722, 0xA7FF, UnicodeScript.Latin), (0xA800, 0xA95F, UnicodeScript.Other),
        (0xA960, 0xA97F, UnicodeScript.Hangul), (0xA980, 0xAB2F, UnicodeScript.Other), (0xAB30, 0xAB6F, UnicodeScript.Latin),
        (0xAB70, 0xABBF, UnicodeScript.Cherokee), (0xABC0, 0xABFF, UnicodeScript.Other), (0xAC00, 0xD7FF, UnicodeScript.Hangul),
        (0xF900, 0xFAFF, UnicodeScript.Han), (0xFB00, 0xFB06, UnicodeScript.Latin), (0xFB13, 0xFB17, UnicodeScript.Armenian),
        (0xFB1D, 0xFB4F, UnicodeScript.Hebrew), (0xFB50, 0xFDFF, UnicodeScript.Arabic), (0xFE00, 0xFE0F, UnicodeScript.Inherited),
        (0xFE20, 0xFE2F, UnicodeScript.Inherited), (0xFE30, 0xFE6F, UnicodeScript.Common), (0xFE70, 0xFEFF, UnicodeScript.Arabic),
        (0xFF00, 0xFF20, UnicodeScript.Common), (0xFF21, 0xFF3A, UnicodeScript.Latin), (0xFF3B, 0xFF40, UnicodeScript.Common),
        (0xFF41, 0xFF5A, UnicodeScript.Latin), (0xFF5B, 0xFF65, UnicodeScript.Common), (0xFF66, 0xFF9D, UnicodeScript.Katakana),
        (0xFF9E, 0xFF9F, UnicodeScript.Common), (0xFFA0, 0xFFDF, UnicodeScript.Hangul), (0xFFE0, 0xFFFF, UnicodeScript.Common),
        (0x1D000, 0x1F0FF, UnicodeScript.Common), (0x1F100, 0x1FBFF, UnicodeScript.Common), (0x20000, 0x3FFFF, UnicodeScript.Han),
    ];

    /// <summary>The script of <paramref name="codePoint"/>; marks outside the generic mark blocks take the script of their block.</summary>
    public static UnicodeScript Of(int codePoint)
    {
        if (codePoint is < 0 or > 0x10FFFF)
        {
            return UnicodeScript.Unknown;
        }

        int lo = 0, hi = Ranges.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var (start, end, script) = Ranges[mid];
            if (codePoint < start)
            {
                hi = mid - 1;
            }
            else if (codePoint > end)
            {
                lo = mid + 1;
            }
            else
            {
                return script;
            }
        }

        return CharUnicodeInfo.GetUnicodeCategory(codePoint) == UnicodeCategory.OtherNotAssigned ? UnicodeScript.Unknown : UnicodeScript.Other;
    }
}
