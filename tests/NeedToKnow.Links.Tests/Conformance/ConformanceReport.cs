using Xunit.Abstractions;

namespace NeedToKnow.Links.Tests.Conformance;

/// <summary>
/// Tallies a whole conformance suite and fails on any unexpected failure or any stale exclusion (one that matches
/// a passing case or no case at all), printing <c>suite N/M, excluded E, stale S</c> (STYLE.md H12).
/// </summary>
internal sealed class ConformanceReport(string suite, IReadOnlyList<Exclusion> exclusions, ITestOutputHelper output)
{
    private readonly List<string> _failures = [];
    private readonly HashSet<string> _excludedSeen = [];
    private readonly Dictionary<string, Exclusion> _exclusions = exclusions.Where(e => e.Suite == suite).ToDictionary(e => e.Input);
    private int _total;
    private int _passed;

    public void Add(string input, bool passed, string detail)
    {
        _total++;
        if (_exclusions.TryGetValue(input, out _))
        {
            _excludedSeen.Add(input);
            if (passed)
            {
                _failures.Add($"stale exclusion (case passes): {Escape(input)}");
            }

            return;
        }

        if (passed)
        {
            _passed++;
        }
        else
        {
            _failures.Add($"{Escape(input)}: {detail}");
        }
    }

    /// <summary>Prints the summary and asserts; returns the summary line.</summary>
    public string Finish()
    {
        var stale = _exclusions.Keys.Where(k => !_excludedSeen.Contains(k)).ToList();
        foreach (var s in stale)
        {
            _failures.Add($"stale exclusion (no such case): {Escape(s)}");
        }

        var staleCount = stale.Count + _failures.Count(f => f.StartsWith("stale", StringComparison.Ordinal));
        var line = $"{suite} {_passed}/{_total}, excluded {_excludedSeen.Count}, stale {staleCount}";
        output.WriteLine(line);
        foreach (var e in _exclusions.Values.Where(e => _excludedSeen.Contains(e.Input)))
        {
            output.WriteLine($"  excluded [{e.Category}] {Escape(e.Input)}: {e.Reason}");
        }

        foreach (var f in _failures.Take(60))
        {
            output.WriteLine("  FAIL " + f);
        }

        Assert.True(_failures.Count == 0, line + "\n" + string.Join("\n", _failures.Take(60)));
        return line;
    }

    internal static string Escape(string s)
    {
        var b = new System.Text.StringBuilder();
        foreach (var c in s)
        {
            b.Append(c is < ' ' or (>= '\u007f' and <= '\u00a0') or (>= '\ud800' and <= '\udfff') ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return b.ToString();
    }
}
