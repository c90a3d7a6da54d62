using System.Text;

namespace NeedToKnow.Links.Homographs;

/// <summary>UTS #39 skeletons (§4 "Confusable Detection") and the looser domain skeleton the look-alike checks use.</summary>
internal static class Skeletons
{
    /// <summary>
    /// skeleton(X) of UTS #39 §4: NFD, remove Default_Ignorable_Code_Point characters, replace each character by its
    /// confusables.txt target, NFD again. Two strings are confusable when their skeletons are equal.
    /// </summary>
    public static string Uts39(string text)
    {
        var nfd = UnicodeData.ToNfd(UnicodeData.CodePoints(text));
        var mapped = new List<int>(nfd.Count);
        foreach (var cp in nfd)
        {
            if (UnicodeData.IsDefaultIgnorable(cp))
            {
                continue;
            }

            var target = UnicodeData.Confusable(cp);
            if (target is null)
            {
                mapped.Add(cp);
            }
            else
            {
                mapped.AddRange(UnicodeData.CodePoints(target));
            }
        }

        return UnicodeData.ToText(UnicodeData.ToNfd(mapped));
    }

    /// <summary>
    /// The skeleton used to compare domains: lower-case, the UTS #39 skeleton, then with every combining mark removed
    /// and a few letters folded that UTS #39 maps to other non-ASCII letters (after Chromium's skeleton extras in
    /// <c>components/url_formatter/spoof_checks/skeleton_generator.cc</c>: diacritics removed, <c>ĸ</c> → <c>k</c>,
    /// <c>ß</c> → <c>ss</c>), lower-cased again. <c>раураl.com</c> (Cyrillic) and <c>paypa1.com</c> both give
    /// <c>paypal.com</c>.
    /// </summary>
    public static string Domain(string text) => Domain(text, alternative: false);

    /// <summary>The domain skeleton, with <c>ӏ</c> folded to <c>i</c> instead of <c>l</c> when <paramref name="alternative"/> is set
    /// (Chromium keeps both skeletons for letters that look like two Latin letters).</summary>
    public static string Domain(string text, bool alternative)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var cp in UnicodeData.CodePoints(text.ToLowerInvariant()))
        {
            if (alternative && cp == 0x04CF)
            {
                sb.Append('i');
            }
            else if (Extras.TryGetValue(cp, out var extra))
            {
                sb.Append(extra);
            }
            else
            {
                sb.Append(char.ConvertFromUtf32(cp is >= 0xD800 and <= 0xDFFF ? 0xFFFD : cp));
            }
        }

        var skeleton = Uts39(sb.ToString());
        sb.Clear();
        foreach (var cp in UnicodeData.CodePoints(skeleton))
        {
            if (UnicodeData.IsMark(cp))
            {
                continue;
            }

            sb.Append(cp == 0x0138 ? "k" : char.ConvertFromUtf32(cp is >= 0xD800 and <= 0xDFFF ? 0xFFFD : cp));
        }

        return sb.ToString().ToLowerInvariant();
    }

    /// <summary>True when the domain skeleton of <paramref name="text"/> differs from the alternative one.</summary>
    public static bool HasAlternative(string text) => text.Contains('\u04CF', StringComparison.Ordinal);

    // Letters UTS #39 does not map to Latin but that pass for Latin in a domain name, after the extra mappings of
    // Chromium's skeleton generator (components/url_formatter/spoof_checks/skeleton_generator.cc) and the
    // look-alikes its unit tests name (Cyrillic, Greek, Georgian, Thai and Lao letters; ß; œ).
    private static readonly Dictionary<int, string> Extras = BuildExtras();

    private static Dictionary<int, string> BuildExtras()
    {
        var map = new Dictionary<int, string>();
        void Add(string letters, string target)
        {
            foreach (var cp in UnicodeData.CodePoints(letters))
            {
                map[cp] = target;
            }
        }

        Add("шщ", "w");
        Add("мӎ", "m");
        Add("нңҥӈԋԧԩћӊ", "h");
        Add("тҭԏ", "t");
        Add("ьҍв", "b");
        Add("ҏ", "p");
        Add("кқҝҟҡӄԟ", "k");
        Add("п", "n");
        Add("ґғӻ", "r");
        Add("ҫ", "c");
        Add("ұ", "y");
        Add("ҳӽӿχ", "x");
        Add("ҽҿє", "e");
        Add("ӏ", "l");
        Add("ԃძ", "d");
        Add("ԍ", "g");
        Add("ӕ", "ae");
        Add("ԥ", "n");
        Add("œ", "ce");
        Add("ß", "b");
        Add("ϼ", "p");
        Add("κ", "k");
        Add("α", "a");
        Add("ω", "w");
        Add("ฟพພຟ", "w");
        Add("รຣຮ", "s");
        Add("บບ", "u");
        Add("໐", "o");
        Add("ก", "n");
        return map;
    }
}
