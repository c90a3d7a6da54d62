using System.Text.Json;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Review.Packages;
using NeedToKnow.Review.Sites;
using NeedToKnow.Review.Wxml;
using NeedToKnow.Testing;
using Xunit.Abstractions;

namespace NeedToKnow.Review.Tests.Wxml;

/// <summary>The WXML analyzer against the hand-checked WXML sites of every corpus program (../shared/corpus).</summary>
public class WxmlCorpusTests(ITestOutputHelper output)
{
    public static TheoryData<string> Programs()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(RepoPaths.SharedFile("corpus")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Fact]
    public void The_corpus_has_all_ten_programs()
    {
        Assert.Equal(10, Programs().Count);
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Wxml_sites_match_the_labels(string program)
    {
        var dir = RepoPaths.SharedFile("corpus", program);
        using var labels = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "labels.json")));
        var want = new HashSet<(string, int, int, string, string)>();
        foreach (var s in labels.RootElement.GetProperty("sites").EnumerateArray())
        {
            var file = s.GetProperty("file").GetString()!;
            if (file.EndsWith(".wxml", StringComparison.Ordinal))
            {
                want.Add((file, s.GetProperty("line").GetInt32(), s.GetProperty("col").GetInt32(), s.GetProperty("key").GetString()!, s.GetProperty("api").GetString()!));
            }
        }

        var package = PackageReader.Read(Path.Combine(dir, "src"));
        var analyzer = new WxmlAnalyzer(PrivacyCatalog.Default);
        var got = new HashSet<(string, int, int, string, string)>();
        var webViews = new List<(string, int, string)>();
        foreach (var file in package.Files.Where(f => f.Kind == FileKind.Wxml))
        {
            var result = analyzer.Analyze(file.Text, file.Path, PrivacySite.FirstParty);
            foreach (var site in result.Sites)
            {
                got.Add((site.File, site.Line, site.Column, site.Key, site.Api));
            }

            webViews.AddRange(result.WebViews.Where(w => w.Tag == "web-view").Select(w => (w.File, w.Line, w.Source)));
        }

        var wantWebViews = labels.RootElement.GetProperty("webviews").EnumerateArray()
            .Select(w => (w.GetProperty("file").GetString()!, w.GetProperty("line").GetInt32(), w.GetProperty("src").GetString()!))
            .Order().ToList();
        Assert.Equal(wantWebViews, webViews.Order().ToList());

        var tp = got.Intersect(want).Count();
        var precision = got.Count == 0 ? 1.0 : (double)tp / got.Count;
        var recall = want.Count == 0 ? 1.0 : (double)tp / want.Count;
        output.WriteLine($"{program}: wxml sites labelled {want.Count}, found {got.Count}, matching {tp}: P={precision:F3} R={recall:F3}");
        foreach (var extra in got.Except(want))
        {
            output.WriteLine("  extra " + extra);
        }

        foreach (var missing in want.Except(got))
        {
            output.WriteLine("  missing " + missing);
        }

        Assert.True(precision >= 0.97, $"precision {precision:F3}");
        Assert.True(recall >= 0.97, $"recall {recall:F3}");
    }
}
