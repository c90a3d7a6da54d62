using System.Text.Json;
using NeedToKnow.Links.SafeBrowsing;
using NeedToKnow.Testing;
using Xunit.Abstractions;

namespace NeedToKnow.Links.Tests.SafeBrowsing;

/// <summary>All 106 canonicalization vectors of google/safebrowsing urls_test.go, run whole (STYLE.md H12).</summary>
public sealed class SafeBrowsingConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Urls_test_vectors_all_pass()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(RepoPaths.SharedFile("conformance", "safebrowsing", "urls_test_vectors.json")));
        var total = 0;
        var failures = new List<string>();
        foreach (var v in doc.RootElement.EnumerateArray())
        {
            total++;
            var function = v.GetProperty("function").GetString()!;
            var input = v.GetProperty("input").GetString()!;
            var fail = v.GetProperty("fail").GetBoolean();
            var expected = v.GetProperty("expected");
            var actual = Run(function, input, v);
            string? expectedText = fail ? null : expected.ValueKind == JsonValueKind.Array ? Join(expected, v.GetProperty("compare").GetString() == "unordered-list") : expected.GetString();
            if (actual != expectedText)
            {
                failures.Add($"{function} #{v.GetProperty("index").GetInt32()} `{input}`: got `{actual ?? "failure"}`, expected `{expectedText ?? "failure"}`");
            }
        }

        output.WriteLine($"safebrowsing urls_test_vectors {total - failures.Count}/{total}");
        foreach (var f in failures)
        {
            output.WriteLine(f);
        }

        Assert.Equal(106, total);
        Assert.Empty(failures);
    }

    private static string? Run(string function, string input, JsonElement vector)
    {
        if (function == "parseIPAddress")
        {
            return SafeBrowsingUrl.ParseIPAddress(input);
        }

        var ok = vector.TryGetProperty("input_bytes_hex", out var hex)
            ? SafeBrowsingUrl.TryParse(Convert.FromHexString(hex.GetString()!), out var url)
            : SafeBrowsingUrl.TryParse(input, out url);
        if (!ok)
        {
            return null;
        }

        return function switch
        {
            "canonicalURL" => url!.CanonicalUrl,
            "canonicalHost" => url!.Host,
            "canonicalPath" => url!.Path,
            "generateLookupHosts" => string.Join("\n", url!.LookupHosts()),
            "generateLookupPaths" => string.Join("\n", url!.LookupPaths()),
            "generatePatterns" => string.Join("\n", url!.Expressions().Order(StringComparer.Ordinal)),
            _ => throw new InvalidOperationException("unknown function " + function),
        };
    }

    private static string Join(JsonElement array, bool sort)
    {
        var items = array.EnumerateArray().Select(e => e.GetString()!).ToList();
        if (sort)
        {
            items.Sort(StringComparer.Ordinal);
        }

        return string.Join("\n", items);
    }
}
