using System.Text.RegularExpressions;
using NeedToKnow.Links.PublicSuffix;
using NeedToKnow.Testing;
using Xunit.Abstractions;

namespace NeedToKnow.Links.Tests.PublicSuffix;

/// <summary>Runs the Public Suffix List's own test tables (publicsuffix/list tests/) whole (STYLE.md H12).</summary>
public sealed partial class PublicSuffixConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Test_psl_txt_all_cases_pass()
    {
        var cases = new List<(string? Input, string? Expected)>();
        foreach (var line in File.ReadLines(RepoPaths.SharedFile("conformance", "psl", "test_psl.txt")))
        {
            var m = CheckLine().Match(line);
            if (m.Success)
            {
                cases.Add((Unquote(m.Groups[1].Value), Unquote(m.Groups[2].Value)));
            }
        }

        var failures = Run(cases);
        output.WriteLine($"test_psl {cases.Count - failures.Count}/{cases.Count}");
        Assert.Equal(78, cases.Count);
        Assert.Empty(failures);
    }

    [Fact]
    public void Tests_txt_all_cases_pass()
    {
        var cases = new List<(string? Input, string? Expected)>();
        foreach (var line in File.ReadLines(RepoPaths.SharedFile("conformance", "psl", "tests.txt")))
        {
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            cases.Add((parts[0] == "null" ? null : parts[0], parts[1] == "null" ? null : parts[1]));
        }

        var failures = Run(cases);
        output.WriteLine($"tests.txt {cases.Count - failures.Count}/{cases.Count}");
        Assert.Equal(78, cases.Count);
        Assert.Empty(failures);
    }

    private static List<string> Run(List<(string? Input, string? Expected)> cases)
    {
        var failures = new List<string>();
        foreach (var (input, expected) in cases)
        {
            var actual = PublicSuffixList.Default.GetRegistrableDomain(input);
            if (actual != expected)
            {
                failures.Add($"{input ?? "null"} -> {actual ?? "null"}, expected {expected ?? "null"}");
            }
        }

        return failures;
    }

    private static string? Unquote(string token) => token == "null" ? null : token[1..^1];

    [GeneratedRegex(@"^checkPublicSuffix\((null|'[^']*'), (null|'[^']*')\);")]
    private static partial Regex CheckLine();
}
