namespace NeedToKnow.Links.Idna;

/// <summary>
/// Unicode Normalization Form C (UAX #15 §3.11, https://www.unicode.org/reports/tr15/#Description_Norm) over code
/// points, from the embedded UCD tables. <see cref="string.Normalize()"/> cannot be used: with
/// InvariantGlobalization it returns non-ASCII text unchanged.
/// </summary>
internal static class Nfc
{
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    private const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

    [ThreadStatic]
    private static List<int>? t_decomposed;

    /// <summary>Appends the NFC form of <paramref name="input"/> to <paramref name="output"/>.</summary>
    public static void Normalize(ReadOnlySpan<int> input, List<int> output)
    {
        var needsWork = false;
        foreach (var cp in input)
        {
            if (NeedsWork(cp))
            {
                needsWork = true;
                break;
            }
        }

        if (!needsWork)
        {
            foreach (var cp in input)
            {
                output.Add(cp);
            }

            return;
        }

        var d = t_decomposed ??= new List<int>(64);
        d.Clear();
        Decompose(input, d);

        // Canonical composition (UAX #15 D117).
        var starter = -1;
        var lastClass = 0;
        foreach (var cp in d)
        {
            var cc = UnicodeTables.GetCombiningClass(cp);
            if (starter >= 0)
            {
                var adjacent = output.Count - 1 == starter;
                var blocked = !adjacent && (lastClass == 0 || lastClass >= cc);
                if (!blocked && TryCompose(output[starter], cp, out var composite))
                {
                    output[starter] = composite;
                    continue;
                }
            }

            if (cc == 0)
            {
                starter = output.Count;
            }

            lastClass = cc;
            output.Add(cp);
        }
    }

    /// <summary>
    /// Appends the NFD form of <paramref name="input"/> to <paramref name="output"/>: full canonical decomposition
    /// (Hangul algorithmically, UAX #15 §3.12) then canonical ordering of each run of non-starters (D108).
    /// </summary>
    public static void Decompose(ReadOnlySpan<int> input, List<int> output)
    {
        var start = output.Count;
        foreach (var cp in input)
        {
            Decompose(cp, output);
        }

        // Canonical ordering (UAX #15 §3.11 D108): stable sort of each run of non-starters by combining class.
        for (var i = start + 1; i < output.Count; i++)
        {
            var cc = UnicodeTables.GetCombiningClass(output[i]);
            if (cc == 0)
            {
                continue;
            }

            var j = i;
            while (j > start)
            {
                var prev = UnicodeTables.GetCombiningClass(output[j - 1]);
                if (prev <= cc)
                {
                    break;
                }

                (output[j], output[j - 1]) = (output[j - 1], output[j]);
                j--;
            }
        }
    }

    /// <summary>True when <paramref name="input"/> is already in NFC.</summary>
    public static bool IsNormalized(ReadOnlySpan<int> input)
    {
        var needsWork = false;
        foreach (var cp in input)
        {
            if (NeedsWork(cp))
            {
                needsWork = true;
                break;
            }
        }

        if (!needsWork)
        {
            return true;
        }

        var normalized = new List<int>(input.Length);
        Normalize(input, normalized);
        return normalized.Count == input.Length && System.Runtime.InteropServices.CollectionsMarshal.AsSpan(normalized).SequenceEqual(input);
    }

    private static bool NeedsWork(int cp) => cp >= 0x300 && (UnicodeTables.GetCombiningClass(cp) != 0
        || UnicodeTables.TryGetDecomposition(cp, out _, out _) || UnicodeTables.IsCompositionSecond(cp)
        || cp is >= VBase and < VBase + VCount or > TBase and < TBase + TCount);

    private static void Decompose(int cp, List<int> output)
    {
        if (cp is >= SBase and < SBase + SCount)
        {
            var s = cp - SBase;
            output.Add(LBase + (s / NCount));
            output.Add(VBase + ((s % NCount) / TCount));
            if (s % TCount != 0)
            {
                output.Add(TBase + (s % TCount));
            }

            return;
        }

        if (UnicodeTables.TryGetDecomposition(cp, out var first, out var second))
        {
            Decompose(first, output);
            if (second != 0)
            {
                Decompose(second, output);
            }

            return;
        }

        output.Add(cp);
    }

    private static bool TryCompose(int first, int second, out int composite)
    {
        if (first is >= LBase and < LBase + LCount && second is >= VBase and < VBase + VCount)
        {
            composite = SBase + ((first - LBase) * NCount) + ((second - VBase) * TCount);
            return true;
        }

        if (first is >= SBase and < SBase + SCount && (first - SBase) % TCount == 0 && second is > TBase and < TBase + TCount)
        {
            composite = first + (second - TBase);
            return true;
        }

        return UnicodeTables.TryCompose(first, second, out composite);
    }
}
