using NeedToKnow.Core.Catalog;
using NeedToKnow.Testing;

namespace NeedToKnow.Core.Tests.Catalog;

public class TypingsCoverageTests
{
    private static readonly PrivacyCatalog Catalog = PrivacyCatalog.Default;

    private static IEnumerable<(string Api, string Key)> Expected() =>
        File.ReadAllLines(RepoPaths.RepoFile("tests", "NeedToKnow.Core.Tests", "Fixtures", "catalog", "wx-privacy-apis.txt"))
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t'))
            .Select(p => (p[0], p[1]));

    [Fact]
    public void Every_wechat_privacy_api_of_the_typings_is_bound_to_its_key()
    {
        var expected = Expected().ToList();
        Assert.Equal(47, expected.Count);
        var missing = new List<string>();
        foreach (var (api, key) in expected)
        {
            var bound = Catalog.Bindings.Any(b => b.Api == api && b.Key == key && (b.Platform == "wx"));
            if (!bound)
            {
                missing.Add(api + " -> " + key);
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_wx_binding_outside_authorize_is_in_the_reference_list()
    {
        var listed = Expected().Select(e => e.Api + "\t" + e.Key).ToHashSet(StringComparer.Ordinal);
        var extra = Catalog.Bindings
            .Where(b => b.Platform == "wx" && b.Kind != BindingKind.AuthorizeScope)
            .Select(b => b.Api + "\t" + b.Key)
            .Where(s => !listed.Contains(s))
            .ToList();
        Assert.Empty(extra);
    }

    [Fact]
    public void The_corpus_category_table_agrees_with_the_catalog()
    {
        // ../shared/corpus/*/labels.json: every labelled site's api and key must resolve to the same key in the catalog.
        var mismatches = new List<string>();
        var count = 0;
        foreach (var labels in Directory.GetFiles(RepoPaths.SharedFile("corpus"), "labels.json", SearchOption.AllDirectories))
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(labels));
            foreach (var site in doc.RootElement.GetProperty("sites").EnumerateArray())
            {
                count++;
                var api = site.GetProperty("api").GetString()!;
                var key = site.GetProperty("key").GetString()!;
                var ok = site.GetProperty("kind").GetString() switch
                {
                    "authorize" => Catalog.TryGetAuthorizeBinding("wx", "authorize", site.GetProperty("scope").GetString()!, out var a) && a.Key == key,
                    "component" when api.Contains(' ', StringComparison.Ordinal) => ResolveAttribute(api) == key,
                    "component" => Catalog.GetComponentBindings(api.Trim('<', '>')).Any(b => b.Key == key),
                    _ => api.StartsWith("wx.", StringComparison.Ordinal)
                        ? Catalog.TryGetFunction("wx", api[3..], out var f) && f.Key == key
                        : Catalog.TryGetContextMethod(api.Split('.')[0], api.Split('.')[1], out var m) && m.Key == key,
                };
                if (!ok)
                {
                    mismatches.Add(labels + ": " + api + " -> " + key);
                }
            }
        }

        Assert.True(count >= 170, "sites: " + count);
        Assert.Empty(mismatches);
    }

    private static string? ResolveAttribute(string api)
    {
        // `<van-button open-type="getPhoneNumber">`: tag, attribute, value.
        var inner = api.Trim('<', '>');
        var space = inner.IndexOf(' ', StringComparison.Ordinal);
        var eq = inner.IndexOf('=', StringComparison.Ordinal);
        var attribute = inner[(space + 1)..eq];
        var value = inner[(eq + 1)..].Trim('"');
        return Catalog.FindAttributeBindings(null, attribute, value).FirstOrDefault()?.Key;
    }
}
