using System.Text.Json;
using NeedToKnow.Links.Policy;
using NeedToKnow.Testing;
using Xunit.Abstractions;

namespace NeedToKnow.Links.Tests.Policy;

/// <summary>Golden link decisions (STYLE.md H1, H13): every case names kind, reason and decidedBy; unknown fields fail.</summary>
public sealed class LinkPolicyGoldenTests(ITestOutputHelper output)
{
    private static readonly string[] Fields = ["url", "context", "appDomains", "title", "surroundingText", "kind", "reason", "decidedBy"];

    [Fact]
    public void Decisions_match_the_golden_file()
    {
        var path = RepoPaths.RepoFile("tests", "NeedToKnow.Links.Tests", "Policy", "decisions.golden.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var failures = new List<string>();
        var count = 0;
        foreach (var c in doc.RootElement.EnumerateArray())
        {
            count++;
            foreach (var p in c.EnumerateObject())
            {
                Assert.Contains(p.Name, Fields);
            }

            var url = c.GetProperty("url").GetString()!;
            var domains = c.TryGetProperty("appDomains", out var d) ? BusinessDomains.From(d.EnumerateArray().Select(e => e.GetString()!)) : null;
            var context = new LinkContext(
                LinkPolicyConfig.ContextNames[c.GetProperty("context").GetString()!],
                domains,
                c.TryGetProperty("title", out var t) ? t.GetString() : null,
                c.TryGetProperty("surroundingText", out var s) ? s.GetString() : null);
            var decision = LinkPolicy.Default.Decide(url, context);
            var kind = LinkPolicyConfig.Decisions.First(k => k.Value == decision.Kind).Key;
            var actual = $"{kind} {LinkReasons.Name(decision.Reason)} {decision.DecidedBy}";
            var expected = $"{c.GetProperty("kind").GetString()} {c.GetProperty("reason").GetString()} {c.GetProperty("decidedBy").GetString()}";
            if (actual != expected)
            {
                failures.Add($"{url}: got `{actual}`, expected `{expected}`");
            }
        }

        output.WriteLine($"link decisions {count - failures.Count}/{count}");
        failures.ForEach(output.WriteLine);
        Assert.True(count >= 43, $"only {count} golden cases were read");
        Assert.Empty(failures);
    }
}
