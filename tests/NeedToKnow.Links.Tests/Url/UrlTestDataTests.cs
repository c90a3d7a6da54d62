using System.Text.Json;
using NeedToKnow.Links.Tests.Conformance;
using NeedToKnow.Links.Url;
using NeedToKnow.Testing;
using Xunit.Abstractions;

namespace NeedToKnow.Links.Tests.Url;

/// <summary>WPT's urltestdata.json, whole: every field including origin, and every expected failure.</summary>
public sealed class UrlTestDataTests(ITestOutputHelper output)
{
    /// <summary>No exclusions: every case passes.</summary>
    internal static readonly Exclusion[] Exclusions = [];

    [Fact]
    public void UrlTestData_AllCasesExact()
    {
        var report = new ConformanceReport("urltestdata", Exclusions, output);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(RepoPaths.SharedFile("conformance", "url", "urltestdata.json")));
        var count = 0;
        foreach (var c in doc.RootElement.EnumerateArray())
        {
            if (c.ValueKind == JsonValueKind.String)
            {
                continue;
            }

            count++;
            var input = c.GetProperty("input").GetString()!;
            var baseText = c.GetProperty("base").ValueKind == JsonValueKind.Null ? null : c.GetProperty("base").GetString();
            var result = WhatwgUrl.Parse(input, baseText);
            if (c.TryGetProperty("failure", out var failure) && failure.GetBoolean())
            {
                report.Add(input, !result.Success, result.Success ? "expected failure, got " + result.Url!.Href : string.Empty);
                continue;
            }

            if (!result.Success)
            {
                report.Add(input, false, "failed: " + result.Error);
                continue;
            }

            var mismatch = Compare(result.Url!, c);
            report.Add(input, mismatch is null, mismatch ?? string.Empty);
        }

        Assert.Equal(891, count);
        report.Finish();
    }

    [Fact]
    public void UrlTestData_JavaScriptOnly_LoneSurrogates()
    {
        // Lone surrogates: the spec's strings are scalar values, so each becomes U+FFFD (WebIDL USVString).
        var report = new ConformanceReport("urltestdata-javascript-only", [], output);
        var json = File.ReadAllText(RepoPaths.SharedFile("conformance", "url", "urltestdata-javascript-only.json"));
        foreach (var c in JsonTolerant.ReadArray(json))
        {
            if (c is not Dictionary<string, object?> obj)
            {
                continue;
            }

            var input = (string)obj["input"]!;
            var result = WhatwgUrl.Parse(input, (string?)obj["base"]);
            var expectedHref = obj.TryGetValue("href", out var h) ? (string?)h : null;
            report.Add(input, result.Success && result.Url!.Href == expectedHref, result.Url?.Href ?? result.Error.ToString());
        }

        report.Finish();
    }

    internal static string? Compare(WhatwgUrl url, JsonElement expected)
    {
        foreach (var (name, actual) in new (string, string)[]
        {
            ("href", url.Href), ("protocol", url.Protocol), ("username", url.Username), ("password", url.Password),
            ("host", url.Host), ("hostname", url.Hostname), ("port", url.Port), ("pathname", url.Pathname),
            ("search", url.Search), ("hash", url.Hash), ("origin", url.Origin),
        })
        {
            if (expected.TryGetProperty(name, out var e) && e.GetString() != actual)
            {
                return $"{name}: expected `{e.GetString()}`, got `{actual}`";
            }
        }

        return null;
    }
}
