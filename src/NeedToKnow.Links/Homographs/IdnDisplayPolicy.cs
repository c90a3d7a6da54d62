using System.Globalization;
using System.Text;
using NeedToKnow.Links.PublicSuffix;
using NeedToKnow.Links.Text;

namespace NeedToKnow.Links.Homographs;

/// <summary>
/// Decides whether a host is shown in Unicode or stays in Punycode, approximating Chromium's IDN display policy
/// (<c>components/url_formatter/spoof_checks/idn_spoof_checker.cc</c>, <c>SafeToDisplayAsUnicode</c>, and
/// https://chromium.googlesource.com/chromium/src/+/main/docs/idn.md): per label, IDNA validity; no characters
/// outside letters, digits and hyphen; HIGHLY_RESTRICTIVE script mixing (UTS #39 §5.2: one script, or Latin with
/// Han + Hiragana + Katakana, Han + Bopomofo or Han + Hangul) and no non-ASCII Latin mixed with another script;
/// one digit system and no digit look-alikes; Chromium's dangerous patterns (Katakana and CJK marks beside other
/// scripts, combining dots on i/j/l, repeated marks); whole-script confusables with Latin outside the script's own
/// TLDs; per-TLD letters (þ ð in .is/.fo, ə in .az, · in .cat); and, for the whole host, no skeleton match with a
/// protected ("top") domain.
/// </summary>
/// <remarks>
/// Agreement with Chromium's 462 unit-test cases is measured by the test suite and stated in docs/links.md; the
/// approximation's known gaps (UTS #39 Identifier_Status, ICU's whole-script-confusable sets, Chromium's extra
/// skeleton mappings) are listed there. Scripts come from block ranges (see <c>ScriptRanges</c>).
/// </remarks>
public sealed class IdnDisplayPolicy
{
    private static readonly FrozenSetOfInts CjkLookalikes = new(
    [
        0x4E00, 0x3127, 0x4E36, 0x4E40, 0x4E41, 0x4E3F, 0x4E28, 0x4E5B, 0x4E03, 0x4E05, 0x4E06, 0x4E01, 0x4E29, 0x4E2B,
        0x4E42, 0x5341, 0x3007, 0x3112, 0x311A, 0x311F, 0x3128, 0x3129, 0x3108, 0x31BA, 0x31B3, 0x5DE5, 0x8BA0,
    ]);

    // Letters that look like digits (Chromium's digit look-alike set, idn_spoof_checker.cc "digit_lookalikes").
    private static readonly FrozenSetOfInts DigitLookalikes = new(
    [
        0x0577, 0x0437, 0x0499, 0x04E1, 0x0909, 0x0993, 0x0A24, 0x0A69, 0x0AE9, 0x0C69, 0x1012, 0x10D5, 0x10DE, 0x0A5C,
        0x10D9, 0x03B8, 0x0431, 0x0573, 0x0223, 0x0B68, 0x0B20, 0xA4F3, 0xA4F2, 0x1472, 0x3110, 0x13CE, 0x09EA, 0x0A68,
    ]);

    private static readonly Dictionary<UnicodeScript, string[]> ScriptTlds = new()
    {
        [UnicodeScript.Cyrillic] = ["ru", "su", "рф", "by", "бел", "kz", "қаз", "ua", "укр", "bg", "бг", "rs", "срб", "mk", "мкд", "mn", "мон", "kg", "tj", "uz", "рус", "онлайн", "сайт", "москва", "дети", "орг", "ком"],
        [UnicodeScript.Greek] = ["gr", "ελ", "cy", "ευ"],
        [UnicodeScript.Armenian] = ["am", "հայ"],
        [UnicodeScript.Ethiopic] = ["et", "ኢትዮጵያ"],
        [UnicodeScript.Georgian] = ["ge", "გე"],
        [UnicodeScript.Hebrew] = ["il", "ישראל"],
        [UnicodeScript.Myanmar] = ["mm", "မြန်မာ"],
        [UnicodeScript.Thai] = ["th", "ไทย"],
        [UnicodeScript.Lao] = ["la"],
        [UnicodeScript.Devanagari] = ["in", "भारत"],
        [UnicodeScript.Bengali] = ["in", "bd", "ভারত", "বাংলা"],
        [UnicodeScript.Gujarati] = ["in", "ભારત"],
        [UnicodeScript.Gurmukhi] = ["in", "ਭਾਰਤ"],
        [UnicodeScript.Kannada] = ["in", "ಭಾರತ"],
        [UnicodeScript.Malayalam] = ["in", "ഭാരതം"],
        [UnicodeScript.Oriya] = ["in", "ଭାରତ"],
        [UnicodeScript.Tamil] = ["in", "lk", "sg", "இந்தியா", "இலங்கை", "சிங்கப்பூர்"],
        [UnicodeScript.Telugu] = ["in", "భారత్"],
    };

    private readonly LookalikeDetector _topDomains;
    private readonly PublicSuffixList _suffixes;

    /// <summary>Creates a policy protecting <paramref name="topDomains"/> from skeleton look-alikes.</summary>
    /// <param name="topDomains">The domains users know (Chromium uses its top-domain list; NeedToKnow passes the operator's allowed domains).</param>
    /// <param name="suffixes">The Public Suffix List; <see cref="PublicSuffixList.Default"/> when null.</param>
    public IdnDisplayPolicy(LookalikeDetector topDomains, PublicSuffixList? suffixes = null)
    {
        ArgumentNullException.ThrowIfNull(topDomains);
        _topDomains = topDomains;
        _suffixes = suffixes ?? PublicSuffixList.Default;
    }

    /// <summary>Decides how to show <paramref name="host"/>.</summary>
    /// <param name="host">A host in ASCII form as the URL parser serializes it (<c>xn--</c> labels for IDNs).</param>
    /// <returns>The display form and the verdict.</returns>
    public IdnDisplayResult Check(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (!host.Contains("xn--", StringComparison.OrdinalIgnoreCase))
        {
            return new IdnDisplayResult(host, IdnVerdict.Safe, null);
        }

        var labels = host.Split('.');
        var tld = labels.Length > 0 ? labels[^1] : "";
        if (tld.Length == 0 && labels.Length > 1)
        {
            tld = labels[^2];
        }

        var tldUnicode = tld.StartsWith("xn--", StringComparison.OrdinalIgnoreCase) ? Punycode.Decode(tld.AsSpan(4)) ?? tld : tld;
        var display = new string[labels.Length];
        var verdict = IdnVerdict.Safe;
        string? reason = null;
        for (var i = 0; i < labels.Length; i++)
        {
            display[i] = labels[i];
            if (!labels[i].StartsWith("xn--", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var decoded = Punycode.Decode(labels[i].AsSpan(4));
            var (labelVerdict, labelReason) = decoded is null ? (IdnVerdict.Invalid, "invalid-punycode") : CheckLabel(decoded, tldUnicode.ToLowerInvariant());
            if (labelVerdict == IdnVerdict.Safe)
            {
                display[i] = decoded!;
            }
            else if (verdict == IdnVerdict.Safe || (labelVerdict == IdnVerdict.Invalid && verdict == IdnVerdict.Unsafe))
            {
                verdict = labelVerdict;
                reason ??= labelReason;
            }
        }

        var unicodeHost = string.Join('.', display);
        if (verdict == IdnVerdict.Safe && _topDomains.FindImitated(unicodeHost) is not null)
        {
            return new IdnDisplayResult(host, IdnVerdict.Unsafe, "top-domain-lookalike");
        }

        return new IdnDisplayResult(unicodeHost, verdict, reason);
    }

    /// <summary>The form of <paramref name="host"/> to show: Unicode where safe, Punycode elsewhere.</summary>
    /// <param name="host">A host in ASCII form.</param>
    /// <returns>The display form.</returns>
    public string ToDisplayForm(string host) => Check(host).DisplayForm;

    private static (IdnVerdict, string?) CheckLabel(string label, string tld)
    {
        var cps = UnicodeData.CodePoints(label);
        var invalid = Validity(cps);
        if (invalid is not null)
        {
            return (IdnVerdict.Invalid, invalid);
        }

        var unsafeReason = CharacterRules(cps, tld) ?? ScriptRules(cps, tld) ?? DangerousPatterns(cps);
        return unsafeReason is null ? (IdnVerdict.Safe, null) : (IdnVerdict.Unsafe, unsafeReason);
    }

    // UTS #46 §4.1 validity, approximated without the mapping table: ASCII-only Punycode, hyphens in positions 3-4,
    // a leading mark, characters that UTS #46 maps (upper case, compatibility forms) or disallows, non-NFC text,
    // and the Bidi rule of RFC 5893 §2.
    private static string? Validity(List<int> cps)
    {
        if (cps.Count == 0)
        {
            return "invalid-idna";
        }

        var allAscii = true;
        foreach (var cp in cps)
        {
            allAscii &= cp < 0x80;
        }

        if (allAscii || (cps.Count >= 4 && cps[2] == '-' && cps[3] == '-') || UnicodeData.IsMark(cps[0]))
        {
            return "invalid-idna";
        }

        foreach (var cp in cps)
        {
            if (IsMappedOrDisallowed(cp))
            {
                return "invalid-idna";
            }
        }

        if (!IsNfc(cps))
        {
            return "invalid-idna";
        }

        return BreaksBidiRule(cps) ? "invalid-bidi" : null;
    }

    private static bool IsMappedOrDisallowed(int cp)
    {
        if (cp is 0x200C or 0x200D or 0x00DF or 0x03C2)
        {
            return false; // deviation characters: valid under nontransitional processing
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(cp);
        if (category is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.Surrogate)
        {
            return true;
        }

        if (UnicodeData.IsDefaultIgnorable(cp) || Rune.ToLowerInvariant(new Rune(cp)).Value != cp)
        {
            return true;
        }

        return cp is 0x2011 or 0x3002 or 0xFF0E or 0xFF61 or 0x00AA or 0x00B2 or 0x00B3 or 0x00B5 or 0x00B9 or 0x00BA
            or (>= 0x00BC and <= 0x00BE) or (>= 0x1C80 and <= 0x1C88) or (>= 0x1D400 and <= 0x1D7FF) or (>= 0x2070 and <= 0x209F)
            or (>= 0x2460 and <= 0x24FF) or (>= 0xF900 and <= 0xFAFF) or (>= 0xFB00 and <= 0xFB4F) or (>= 0xFF00 and <= 0xFFEF)
            or (>= 0x1F80 and <= 0x1FAF) or 0x1FB2 or 0x1FB3 or 0x1FB4 or 0x1FB7 or 0x1FBC or 0x1FC2 or 0x1FC3 or 0x1FC4
            or 0x1FC7 or 0x1FCC or 0x1FF2 or 0x1FF3 or 0x1FF4 or 0x1FF7 or 0x1FFC;
    }

    // A base followed by a mark that has a precomposed form is not NFC.
    private static bool IsNfc(List<int> cps)
    {
        for (var i = 0; i + 1 < cps.Count; i++)
        {
            if (UnicodeData.IsMark(cps[i + 1]) && !UnicodeData.IsMark(cps[i]) && UnicodeData.Composes(cps[i], cps[i + 1]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool BreaksBidiRule(List<int> cps)
    {
        var hasRtl = false;
        foreach (var cp in cps)
        {
            hasRtl |= IsRtl(cp) || IsArabicDigit(cp);
        }

        if (!hasRtl)
        {
            return false;
        }

        if (!IsRtl(cps[0]))
        {
            return true; // RFC 5893 §2 rule 1: an RTL label starts with R or AL
        }

        var last = cps.Count - 1;
        while (last > 0 && UnicodeData.IsMark(cps[last]))
        {
            last--;
        }

        var end = cps[last];
        if (!(IsRtl(end) || char.IsAsciiDigit((char)Math.Min(end, 0xFFFF)) || IsArabicDigit(end)))
        {
            return true; // rule 3
        }

        var hasEn = false;
        var hasAn = false;
        foreach (var cp in cps)
        {
            if (cp < 0x80 && char.IsAsciiLetter((char)cp))
            {
                return true; // rule 2: no L in an RTL label
            }

            hasEn |= cp < 0x80 && char.IsAsciiDigit((char)cp);
            hasAn |= IsArabicDigit(cp);
        }

        return hasEn && hasAn; // rule 4
    }

    private static bool IsRtl(int cp) => ((cp is >= 0x0590 and <= 0x08FF) || (cp is >= 0xFB1D and <= 0xFDFF) || (cp is >= 0xFE70 and <= 0xFEFF))
        && !UnicodeData.IsMark(cp) && !IsArabicDigit(cp) && cp is not (>= 0x06F0 and <= 0x06F9);

    private static bool IsArabicDigit(int cp) => cp is >= 0x0660 and <= 0x0669;

    // Characters Chromium never shows in Unicode (outside letters/digits/hyphen, rare Latin) and per-TLD letters.
    private static string? CharacterRules(List<int> cps, string tld)
    {
        for (var i = 0; i < cps.Count; i++)
        {
            var cp = cps[i];
            if (cp is 0x200C or 0x200D)
            {
                return "deviation-character";
            }

            if (cp is 0x00FE or 0x00F0)
            {
                if (tld is "is" or "fo")
                {
                    continue;
                }

                return "tld-specific-letter";
            }

            if (cp == 0x0259)
            {
                if (tld == "az")
                {
                    continue;
                }

                return "tld-specific-letter";
            }

            if (cp == 0x00B7)
            {
                if (tld == "cat" && i > 0 && i + 1 < cps.Count && cps[i - 1] == 'l' && cps[i + 1] == 'l')
                {
                    continue;
                }

                return "tld-specific-letter";
            }

            if (cp is 0x30FB or 0x30FC or 0x05F3 or 0x05F4 or '-' || (cp < 0x80 && char.IsAsciiLetterOrDigit((char)cp)))
            {
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(cp);
            if (category is UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
                or UnicodeCategory.OtherSymbol or UnicodeCategory.DashPunctuation or UnicodeCategory.OtherPunctuation
                or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.LetterNumber
                or UnicodeCategory.OtherNumber)
            {
                return "disallowed-character";
            }

            if ((cp is >= 0x02B0 and <= 0x02FF) || (cp is >= 0x0180 and <= 0x024F) || (cp is >= 0x0250 and <= 0x02AF)
                || (cp is >= 0x1D00 and <= 0x1DBF) || (cp is >= 0x1E00 and <= 0x1E9F) || (cp is >= 0x2C60 and <= 0x2C7F)
                || (cp is >= 0xA720 and <= 0xA7FF) || (cp is >= 0xAB30 and <= 0xAB6F) || cp is 0x0138 or 0x31F0 or (>= 0x31F1 and <= 0x31FF)
                || (cp is >= 0x1100 and <= 0x11FF) || (cp is >= 0xA640 and <= 0xA69F) || (cp is >= 0x0591 and <= 0x05C7 && UnicodeData.IsMark(cp)))
            {
                return "disallowed-character";
            }
        }

        return null;
    }

    private static string? ScriptRules(List<int> cps, string tld)
    {
        var scripts = new HashSet<UnicodeScript>();
        var nonAsciiLatin = false;
        var asciiDigits = false;
        var digitZeros = new HashSet<int>();
        var lookalikes = 0;
        var others = 0;
        foreach (var cp in cps)
        {
            var script = ScriptRanges.Of(cp);
            if (script is UnicodeScript.Other or UnicodeScript.Unknown or UnicodeScript.Cherokee or UnicodeScript.CanadianAboriginal
                or UnicodeScript.Mongolian or UnicodeScript.Yi or UnicodeScript.Lisu or UnicodeScript.Vai or UnicodeScript.Tifinagh
                or UnicodeScript.Coptic)
            {
                return "restricted-script";
            }

            if (script is not (UnicodeScript.Common or UnicodeScript.Inherited))
            {
                scripts.Add(script);
            }

            nonAsciiLatin |= script == UnicodeScript.Latin && cp >= 0x80;
            if (CharUnicodeInfo.GetUnicodeCategory(cp) == UnicodeCategory.DecimalDigitNumber)
            {
                digitZeros.Add(cp - (int)CharUnicodeInfo.GetNumericValue(char.ConvertFromUtf32(cp), 0));
                asciiDigits |= cp < 0x80;
            }
            else if (DigitLookalikes.Contains(cp))
            {
                lookalikes++;
            }
            else if (cp != '-')
            {
                others++;
            }
        }

        if (digitZeros.Count > 1)
        {
            return "mixed-digits";
        }

        if (others == 0 && lookalikes > 0)
        {
            return "digit-lookalike";
        }

        if (others == 0 && digitZeros.Count == 1 && !asciiDigits && !Skeletons.Domain(UnicodeData.ToText(cps)).Contains('.')
            && !(scripts.Count == 1 && ScriptTlds.TryGetValue(scripts.First(), out var digitTlds) && digitTlds.Contains(tld)))
        {
            return "digit-lookalike"; // a label of non-ASCII digits outside its script's TLDs
        }

        if (scripts.Count > 1)
        {
            if (nonAsciiLatin || !IsAllowedCombination(scripts))
            {
                return "mixed-script";
            }
        }
        else if (scripts.Count == 1)
        {
            var script = scripts.First();
            if (ScriptTlds.TryGetValue(script, out var tlds) && !tlds.Contains(tld) && IsWholeScriptConfusable(cps, script, tld))
            {
                return "whole-script-confusable";
            }
        }

        return null;
    }

    // UTS #39 §5.2 Highly Restrictive: Latin + Han + Hiragana + Katakana; Latin + Han + Bopomofo; Latin + Han + Hangul.
    private static bool IsAllowedCombination(HashSet<UnicodeScript> scripts)
    {
        bool Within(params UnicodeScript[] allowed)
        {
            foreach (var s in scripts)
            {
                if (Array.IndexOf(allowed, s) < 0)
                {
                    return false;
                }
            }

            return true;
        }

        return Within(UnicodeScript.Latin, UnicodeScript.Han, UnicodeScript.Hiragana, UnicodeScript.Katakana)
            || Within(UnicodeScript.Latin, UnicodeScript.Han, UnicodeScript.Bopomofo)
            || Within(UnicodeScript.Latin, UnicodeScript.Han, UnicodeScript.Hangul);
    }

    // Whole-script confusable (UTS #39 §4): for Cyrillic, every letter passes for Latin (its domain skeleton is ASCII);
    // for the other scripts, which Chromium checks with ICU's whole-script data, every letter has a confusable.
    private static bool IsWholeScriptConfusable(List<int> cps, UnicodeScript script, string tld)
    {
        // Under a generic ASCII TLD (.com, .net...) one confusable letter is enough outside Cyrillic and Greek: Chromium's
        // ICU whole-script data covers far more letters of those scripts than confusables.txt maps to Latin.
        var generic = tld.Length >= 3 && !tld.AsSpan().ContainsAnyExceptInRange('a', 'z');
        var letters = 0;
        var confusable = 0;
        foreach (var cp in cps)
        {
            var s = ScriptRanges.Of(cp);
            if (s is UnicodeScript.Common or UnicodeScript.Inherited || UnicodeData.IsMark(cp))
            {
                continue;
            }

            letters++;
            var text = char.ConvertFromUtf32(cp);
            if (script is UnicodeScript.Cyrillic or UnicodeScript.Greek)
            {
                var skeleton = Skeletons.Domain(text);
                if (skeleton.Length == 0 || skeleton.AsSpan().ContainsAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789"))
                {
                    return false;
                }
            }
            else if (UnicodeData.Confusable(cp) is not null)
            {
                confusable++;
            }
            else if (!generic)
            {
                return false;
            }
        }

        return letters > 0 && (script is UnicodeScript.Cyrillic or UnicodeScript.Greek || confusable > 0);
    }

    // Chromium's dangerous patterns (idn_spoof_checker.cc, "dangerous_pattern") and mark rules.
    private static string? DangerousPatterns(List<int> cps)
    {
        var nfd = UnicodeData.ToNfd(cps);
        var hasLatin = false;
        foreach (var cp in nfd)
        {
            hasLatin |= IsLatin(cp);
        }

        for (var i = 0; i < nfd.Count; i++)
        {
            var cp = nfd[i];
            var prev = i > 0 ? nfd[i - 1] : -1;
            var next = i + 1 < nfd.Count ? nfd[i + 1] : -1;
            if (UnicodeData.IsMark(cp) && prev >= 0)
            {
                if (prev == cp)
                {
                    return "repeated-mark";
                }

                if (cp is >= 0x0334 and <= 0x0338 or 0x20D2 or 0x20D3 or 0x20E5 or 0x20E6)
                {
                    return "dangerous-pattern"; // overlays that draw a slash or stroke through a letter
                }

                if (prev is 0x0131 or 0x0237 || (cp == 0x0307 && prev is 'i' or 'j' or 'l'))
                {
                    return "dangerous-pattern";
                }

                var baseScript = ScriptRanges.Of(prev);
                if (ScriptRanges.Of(cp) == UnicodeScript.Inherited && cp is < 0x3099 or > 0x309A
                    && baseScript is not (UnicodeScript.Latin or UnicodeScript.Greek or UnicodeScript.Cyrillic or UnicodeScript.Inherited))
                {
                    return "dangerous-pattern";
                }
            }

            switch (cp)
            {
                case 0x30FC when !IsKana(prev):
                case 0x30FD or 0x30FE when ScriptRanges.Of(prev) != UnicodeScript.Katakana:
                case 0x3099 or 0x309A or 0x309B or 0x309C when !IsKana(prev):
                case 0x30FB when IsLatin(prev) || IsLatin(next):
                case >= 0x3078 and <= 0x307A when ScriptRanges.Of(prev) == UnicodeScript.Katakana || ScriptRanges.Of(next) == UnicodeScript.Katakana:
                case 0x30CE when (prev >= 0 && !IsCjk(prev)) || (next >= 0 && !IsCjk(next)):
                    return "dangerous-pattern";
            }

            var digitsOk = cp is 0x4E00 or 0x3127 && !hasLatin;
            if (CjkLookalikes.Contains(cp) && (BreaksCjkRun(prev, digitsOk) || BreaksCjkRun(next, digitsOk)))
            {
                return "dangerous-pattern";
            }
        }

        return null;
    }

    // A CJK look-alike of a stroke or a slash is dangerous beside a non-CJK letter, or beside a digit in a label with Latin.
    private static bool BreaksCjkRun(int neighbour, bool digitsOk) =>
        neighbour >= 0 && !IsCjk(neighbour) && !(digitsOk && neighbour < 0x80 && char.IsAsciiDigit((char)neighbour));

    private static bool IsKana(int cp) => ScriptRanges.Of(cp) is UnicodeScript.Hiragana or UnicodeScript.Katakana;

    private static bool IsLatin(int cp) => cp >= 0 && ScriptRanges.Of(cp) == UnicodeScript.Latin;

    private static bool IsCjk(int cp) => ScriptRanges.Of(cp) is UnicodeScript.Han or UnicodeScript.Hiragana or UnicodeScript.Katakana
        or UnicodeScript.Bopomofo or UnicodeScript.Hangul || cp is 0x30FC or 0x30FB;

    /// <summary>A small immutable set of code points.</summary>
    private sealed class FrozenSetOfInts(int[] items)
    {
        private readonly HashSet<int> _set = [.. items];

        public bool Contains(int cp) => _set.Contains(cp);
    }
}
