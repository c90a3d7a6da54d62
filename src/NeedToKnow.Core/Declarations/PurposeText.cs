using System.Globalization;
using System.Text;

namespace NeedToKnow.Core.Declarations;

/// <summary>Heuristics on purpose texts: placeholders, vagueness, "not used" statements, and suspicious characters.</summary>
/// <remarks>
/// WeChat reviews the stated purposes and rejects placeholders (miniprogram-intro.html); the MIIT method (国信办秘字〔2019〕191号,
/// criterion 2) counts obscure or vague purpose statements as not stating the purpose. The word lists are ours.
/// </remarks>
internal static class PurposeText
{
    /// <summary>Minimum specificity of a purpose: Han characters count 1, Latin words 2.</summary>
    public const int MinScore = 6;

    /// <summary>Minimum specificity once stock words are taken out (<see cref="SpecificScore"/>): "实名认证" passes, "为了更好的服务" does not.</summary>
    public const int MinSpecificScore = 4;

    /// <summary>Minimum specificity of a purpose for sensitive information (PIPL Art. 28: a specific purpose).</summary>
    public const int MinSensitiveScore = 10;

    private static readonly HashSet<string> Placeholders = new(StringComparer.Ordinal)
    {
        "使用", "定位", "111", "test", "testing", "n/a", "na", "none", "todo", "tbd", "xxx", "暂无", "无", "测试", "purpose", "用于", "需要", "获取",
        "收集", "功能需要", "业务需要", "for business", "business", "business needs", "null", "-", "--", "...", "asdf", "123", "用途", "目的",
        "required", "necessary", "必要", "需要使用", "使用功能", "用于业务", "for business purposes", "to provide services", "提供服务",
        "用于提供服务", "improve user experience", "提升用户体验", "用于提升用户体验", "其他", "other", "misc", "placeholder", "lorem ipsum",
    };

    private static readonly string[] NotUsed =
    [
        "暂不使用", "暂未使用", "目前不使用", "没有使用", "不收集", "不会收集", "未收集", "暂不收集", "没有收集",
        "not used", "unused", "not collected", "do not collect", "don't collect", "we do not use", "never used",
    ];

    // Drafts and templates leave these behind; `ntk declare init` writes "TODO: ..." on purpose, so its draft fails.
    private static readonly string[] PlaceholderMarkers =
    [
        "todo", "tbd", "fixme", "fill in", "lorem ipsum", "待填写", "待补充", "请填写", "请输入", "占位",
    ];

    // Stock words that say nothing about the purpose: "为了更好的服务", "用于收集信息", "to provide better services".
    private static readonly string[] FillerHan =
    [
        "个人信息", "更好的", "更好地", "为了", "用于", "更好", "服务", "提供", "收集", "获取", "使用", "信息", "数据", "用户", "体验",
        "提升", "优化", "功能", "需要", "业务", "我们", "您的", "你的", "您", "你", "的", "了", "和", "及",
    ];

    private static readonly HashSet<string> FillerLatin = new(StringComparer.Ordinal)
    {
        "to", "for", "the", "a", "an", "and", "of", "our", "your", "we", "you", "provide", "providing", "better", "service", "services",
        "collect", "collecting", "information", "info", "data", "use", "using", "user", "users", "experience", "improve", "improving",
        "app", "feature", "features", "need", "needs", "business", "purpose", "purposes",
    };

    // A "not used" phrase that is scoped to other data ("不收集相册中的其他照片", "other photos are not used") is fine.
    private static readonly string[] OtherDataQualifiers =
    [
        "其他", "其它", "其余", "以外", "之外", "额外", "除此", "other", "else", "additional", "beyond", "apart from", "except",
    ];

    private static readonly char[] ClauseBreaks = ['，', ',', '；', ';', '。', '.', '！', '!', '？', '?', '、'];

    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && sb.Length > 0)
            {
                sb.Append(' ');
            }

            space = false;
            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString().TrimEnd('.', '。', '!', '！', ';', '；');
    }

    public static bool IsPlaceholder(string normalized)
    {
        if (Placeholders.Contains(normalized) || HasPlaceholderMarker(normalized))
        {
            return true;
        }

        // One repeated character ("aaaa", "1111", "。。。") or no letter at all.
        var distinct = normalized.Distinct().Count();
        return distinct == 1 || !normalized.Any(char.IsLetter);
    }

    /// <summary>Han characters count 1, Latin words of two or more letters count 2.</summary>
    public static int Score(string text)
    {
        var han = 0;
        var words = 0;
        var run = 0;
        foreach (var c in text)
        {
            if (IsHan(c))
            {
                han++;
            }

            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'))
            {
                run++;
            }
            else
            {
                words += run >= 2 ? 1 : 0;
                run = 0;
            }
        }

        words += run >= 2 ? 1 : 0;
        return han + 2 * words;
    }

    /// <summary>True when the text holds a draft marker such as <c>TODO</c>, <c>TBD</c> or <c>待填写</c> as a word.</summary>
    public static bool HasPlaceholderMarker(string normalized)
    {
        foreach (var marker in PlaceholderMarkers)
        {
            for (var at = normalized.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = normalized.IndexOf(marker, at + 1, StringComparison.Ordinal))
            {
                // Latin markers count only as whole words ("todo" is not a marker inside "mastodon").
                var end = at + marker.Length;
                var wordStart = at == 0 || !IsLatinLetter(normalized[at - 1]);
                var wordEnd = end == normalized.Length || !IsLatinLetter(normalized[end]);
                if (!IsLatinLetter(marker[0]) || (wordStart && wordEnd))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The <see cref="Score"/> of what is left after stock words that name no purpose are taken out.</summary>
    public static int SpecificScore(string normalized)
    {
        var text = normalized;
        foreach (var filler in FillerHan)
        {
            text = text.Replace(filler, " ", StringComparison.Ordinal);
        }

        var kept = new StringBuilder(text.Length);
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && IsLatinLetter(text[i]))
            {
                continue;
            }

            if (i > start && !FillerLatin.Contains(text[start..i]))
            {
                kept.Append(text, start, i - start);
            }

            if (i < text.Length)
            {
                kept.Append(text[i]);
            }

            start = i + 1;
        }

        return Score(kept.ToString());
    }

    /// <summary>
    /// The phrase by which the purpose says the item is not used ("暂不使用", "not collected"), or null. A phrase whose
    /// clause limits it to other data ("不收集相册中的其他照片") is not such a statement.
    /// </summary>
    public static string? SaysNotUsed(string normalized)
    {
        foreach (var phrase in NotUsed)
        {
            for (var at = normalized.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = normalized.IndexOf(phrase, at + 1, StringComparison.Ordinal))
            {
                var clauseStart = normalized.LastIndexOfAny(ClauseBreaks, at) + 1;
                var clauseEnd = normalized.IndexOfAny(ClauseBreaks, at + phrase.Length);
                var clause = normalized[clauseStart..(clauseEnd < 0 ? normalized.Length : clauseEnd)];
                if (!OtherDataQualifiers.Any(q => clause.Contains(q, StringComparison.Ordinal)))
                {
                    return phrase;
                }
            }
        }

        return null;
    }

    /// <summary>The first bidirectional control or invisible character, as <c>U+XXXX</c>, or null.</summary>
    public static string? InvisibleOrBidi(string text)
    {
        foreach (var c in text)
        {
            if (c is '\u061C' or (>= '\u200B' and <= '\u200F') or (>= '\u202A' and <= '\u202E') or (>= '\u2060' and <= '\u2064') or (>= '\u2066' and <= '\u2069') or '\uFEFF')
            {
                return "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>The first word that mixes Latin letters with Cyrillic or Greek ones (a homograph), or null.</summary>
    public static string? MixedScriptWord(string text)
    {
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsLetter(text[i]))
            {
                continue;
            }

            if (i > start)
            {
                var word = text[start..i];
                var latin = word.Any(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'));
                var other = word.Any(c => c is (>= '\u0370' and <= '\u03FF') or (>= '\u0400' and <= '\u04FF'));
                if (latin && other)
                {
                    return word;
                }
            }

            start = i + 1;
        }

        return null;
    }

    private static bool IsLatinLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    private static bool IsHan(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');
}
