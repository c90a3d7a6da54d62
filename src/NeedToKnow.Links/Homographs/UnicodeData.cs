using System.Globalization;
using System.Text;
using NeedToKnow.Links.Idna;

namespace NeedToKnow.Links.Homographs;

/// <summary>
/// Unicode facts the homograph checks need and .NET does not give under InvariantGlobalization: canonical
/// decomposition (NFD, Unicode §3.11, through <see cref="Nfc"/> and the IDNA tables), Default_Ignorable_Code_Point, and the
/// UTS #39 confusable mappings (embedded <c>confusables.txt</c>, Unicode 17.0.0).
/// </summary>
internal static class UnicodeData
{
    private static readonly Lazy<Dictionary<int, string>> ConfusableMap = new(LoadConfusables);

    /// <summary>Canonical decomposition of <paramref name="text"/> with canonical ordering of marks (NFD, the same tables as IDNA's NFC).</summary>
    public static List<int> ToNfd(IEnumerable<int> text)
    {
        var output = new List<int>();
        Nfc.Decompose(text as int[] ?? text.ToArray(), output);
        return output;
    }

    /// <summary>True for Default_Ignorable_Code_Point characters (DerivedCoreProperties.txt), which a skeleton drops.</summary>
    public static bool IsDefaultIgnorable(int cp) => cp is 0x00AD or 0x034F or 0x061C or (>= 0x115F and <= 0x1160) or (>= 0x17B4 and <= 0x17B5)
        or (>= 0x180B and <= 0x180F) or (>= 0x200B and <= 0x200F) or (>= 0x202A and <= 0x202E) or (>= 0x2060 and <= 0x206F)
        or 0x3164 or (>= 0xFE00 and <= 0xFE0F) or 0xFEFF or 0xFFA0 or (>= 0xFFF0 and <= 0xFFF8) or (>= 0x1BCA0 and <= 0x1BCA3)
        or (>= 0x1D173 and <= 0x1D17A) or (>= 0xE0000 and <= 0xE0FFF);

    /// <summary>True for nonspacing and enclosing marks (general category Mn, Me).</summary>
    public static bool IsMark(int cp)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(cp);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark;
    }

    /// <summary>The confusable target of <paramref name="cp"/> (UTS #39 §4, confusables.txt), or null when it has none.</summary>
    public static string? Confusable(int cp) => ConfusableMap.Value.TryGetValue(cp, out var target) ? target : null;

    /// <summary>The code points of <paramref name="text"/>; a lone surrogate stands for itself.</summary>
    public static List<int> CodePoints(ReadOnlySpan<char> text)
    {
        var list = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                list.Add(char.ConvertToUtf32(text[i], text[i + 1]));
                i++;
            }
            else
            {
                list.Add(text[i]);
            }
        }

        return list;
    }

    /// <summary>Writes <paramref name="codePoints"/> as a string.</summary>
    public static string ToText(IEnumerable<int> codePoints)
    {
        var sb = new StringBuilder();
        foreach (var cp in codePoints)
        {
            if (cp is >= 0xD800 and <= 0xDFFF or > 0x10FFFF)
            {
                sb.Append('\uFFFD');
            }
            else
            {
                sb.Append(char.ConvertFromUtf32(cp));
            }
        }

        return sb.ToString();
    }

    /// <summary>True when <paramref name="baseCp"/> followed by <paramref name="mark"/> has a precomposed form (so the pair is not NFC).</summary>
    public static bool Composes(int baseCp, int mark)
    {
        var key = ToText(ToNfd([baseCp, mark]));
        return Composites.Value.Contains(key);
    }

    // Every full canonical decomposition of two or more code points: a base and mark spelling one of these has a precomposed form.
    private static readonly Lazy<HashSet<string>> Composites = new(() =>
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var decomposed = new List<int>(4);
        foreach (var cp in UnicodeTables.Decomposable)
        {
            decomposed.Clear();
            Nfc.Decompose([cp], decomposed);
            if (decomposed.Count >= 2)
            {
                set.Add(ToText(decomposed));
            }
        }

        return set;
    });

    private static Dictionary<int, string> LoadConfusables()
    {
        var map = new Dictionary<int, string>(6600);
        foreach (var raw in ReadLines("confusables.txt"))
        {
            var line = raw.TrimStart('\uFEFF');
            var hash = line.IndexOf('#');
            var data = (hash < 0 ? line : line[..hash]).AsSpan().Trim();
            if (data.IsEmpty)
            {
                continue;
            }

            // source ; target ; MA (UTS #39 §4 "Confusable Detection", data file format)
            var first = data.IndexOf(';');
            var rest = data[(first + 1)..];
            var second = rest.IndexOf(';');
            var source = int.Parse(data[..first].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            map[source] = ToText(ParseHexList(rest[..second]));
        }

        return map;
    }

    private static int[] ParseHexList(ReadOnlySpan<char> text)
    {
        var list = new List<int>(4);
        foreach (var range in text.Split(' '))
        {
            var part = text[range].Trim();
            if (!part.IsEmpty)
            {
                list.Add(int.Parse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
        }

        return [.. list];
    }

    private static IEnumerable<string> ReadLines(string resource)
    {
        using var stream = typeof(UnicodeData).Assembly.GetManifestResourceStream("NeedToKnow.Links.Data." + resource)
            ?? throw new InvalidOperationException("the embedded data file `" + resource + "` is missing from NeedToKnow.Links");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            yield return line;
        }
    }
}
