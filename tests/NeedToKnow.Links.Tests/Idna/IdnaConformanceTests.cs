using System.Globalization;
using NeedToKnow.Links.Idna;
using NeedToKnow.Links.Tests.Conformance;
using NeedToKnow.Links.Url;
using NeedToKnow.Testing;
using Xunit.Abstractions;

namespace NeedToKnow.Links.Tests.Idna;

/// <summary>
/// WPT's toascii.json and IdnaTestV2.json, whole, run as WPT runs them: the host of
/// <c>new URL("https://" + input + "/x")</c> (https://url.spec.whatwg.org/#concept-domain-to-ascii), and UTS #46
/// ToASCII directly for the cases not marked urlStandardOnly.
/// </summary>
public sealed class IdnaConformanceTests(ITestOutputHelper output)
{
    /// <summary>Cases IdnaTestV2 expects that this implementation does not meet, each with its reason.</summary>
    internal static readonly Exclusion[] Exclusions = IdnaExclusions.All;

    [Fact]
    public void ToAsciiJson_AllCases()
    {
        var report = new ConformanceReport("toascii", Exclusions, output);
        Run(report, "toascii.json");
        report.Finish();
    }

    [Fact]
    public void IdnaTestV2Json_AtLeast995PerMille()
    {
        var report = new ConformanceReport("IdnaTestV2", Exclusions, output);
        var (passed, total) = Run(report, "IdnaTestV2.json");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"IdnaTestV2 pass rate {100.0 * passed / total:F2}%"));
        Assert.True(passed * 1000 >= total * 995, $"IdnaTestV2 {passed}/{total} is below 99.5%");
        report.Finish();
    }

    [Fact]
    public void IdnaTestV2RemovedJson_AllCases()
    {
        var report = new ConformanceReport("IdnaTestV2-removed", Exclusions, output);
        Run(report, "IdnaTestV2-removed.json");
        report.Finish();
    }

    private static (int Passed, int Total) Run(ConformanceReport report, string file)
    {
        var json = File.ReadAllText(RepoPaths.SharedFile("conformance", "url", file));
        int passed = 0, total = 0;
        foreach (var item in JsonTolerant.ReadArray(json))
        {
            if (item is not Dictionary<string, object?> c)
            {
                continue;
            }

            var input = (string)c["input"]!;
            var expected = (string?)c["output"];
            if (input.Length == 0)
            {
                // The empty domain cannot go through a URL (WPT skips it); UTS #46 ToASCII maps it to itself.
                var empty = Uts46.ToAscii(input, Uts46Options.UrlStandard);
                total++;
                passed += empty.Value == expected && empty.Success ? 1 : 0;
                report.Add(input, empty.Value == expected && empty.Success, "uts46: " + empty.Errors);
                continue;
            }

            var result = WhatwgUrl.Parse("https://" + input + "/x");
            var actual = result.Success ? result.Url!.Host : null;
            var ok = actual == expected;
            if (ok && expected is not null && !input.All(char.IsAscii) && !(c.TryGetValue("urlStandardOnly", out var only) && only is true))
            {
                // The same case through UTS #46 ToASCII directly (ASCII input never reaches it in the URL Standard).
                var direct = Uts46.ToAscii(input, Uts46Options.UrlStandard);
                ok = direct.Success && direct.Value == expected;
                actual = "uts46: " + direct.Value + " " + direct.Errors;
            }

            total++;
            if (ok)
            {
                passed++;
            }

            report.Add(input, ok, $"expected {expected ?? "failure"}, got {actual ?? "failure (" + result.Error + ")"} [{c.GetValueOrDefault("comment")}]");
        }

        return (passed, total);
    }
}
