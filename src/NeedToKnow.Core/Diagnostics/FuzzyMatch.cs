namespace NeedToKnow.Core.Diagnostics;

/// <summary>"Did you mean" suggestions by edit distance (STYLE.md H4; after Cedar's <c>fuzzy_match.rs</c>).</summary>
public static class FuzzyMatch
{
    /// <summary>
    /// Returns the candidate closest to <paramref name="input"/> by Levenshtein distance (case-insensitive), or null
    /// when none is within <c>max(2, input.Length / 3)</c> edits.
    /// </summary>
    /// <param name="input">What the user wrote.</param>
    /// <param name="candidates">Valid names.</param>
    /// <returns>The best candidate, or null.</returns>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(candidates);
        var limit = Math.Max(2, input.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Distance(input.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance || (d == bestDistance && best is not null && string.CompareOrdinal(candidate, best) < 0))
            {
                bestDistance = d;
                best = candidate;
            }
        }

        return bestDistance <= limit ? best : null;
    }

    /// <summary>Levenshtein distance between two strings (insert, delete, substitute each cost 1).</summary>
    /// <param name="a">First string.</param>
    /// <param name="b">Second string.</param>
    /// <returns>The number of edits, 0 when equal.</returns>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
