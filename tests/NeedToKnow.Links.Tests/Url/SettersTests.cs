using System.Text.Json;
using NeedToKnow.Links.Tests.Conformance;
using NeedToKnow.Links.Url;
using NeedToKnow.Testing;
using Xunit.Abstractions;

namespace NeedToKnow.Links.Tests.Url;

/// <summary>WPT's setters_tests.json, whole: each setter applied to each URL, every expected getter compared.</summary>
public sealed class SettersTests(ITestOutputHelper output)
{
    [Fact]
    public void SettersTests_AllCases()
    {
        var report = new ConformanceReport("setters_tests", [], output);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(RepoPaths.SharedFile("conformance", "url", "setters_tests.json")));
        var count = 0;
        foreach (var group in doc.RootElement.EnumerateObject())
        {
            if (group.Name == "comment")
            {
                continue;
            }

            foreach (var c in group.Value.EnumerateArray())
            {
                count++;
                var href = c.GetProperty("href").GetString()!;
                var value = c.GetProperty("new_value").GetString()!;
                var key = $"{group.Name} {href} <- {value}";
                var url = WhatwgUrl.Parse(href).GetUrlOrThrow();
                var updated = Apply(url, group.Name, value);
                var mismatch = Compare(updated, c.GetProperty("expected"));
                report.Add(key, mismatch is null, mismatch ?? string.Empty);
            }
        }

        Assert.Equal(278, count);
        report.Finish();
    }

    [Fact]
    public void Setter_ReturnsSameInstance_WhenNothingChanges()
    {
        var url = WhatwgUrl.Parse("mailto:someone@example.com").GetUrlOrThrow();
        Assert.Same(url, url.WithHost("example.net"));
        Assert.Same(url, url.WithUsername("me"));
    }

    [Fact]
    public void WithHref_Invalid_IsFailureAndKeepsOriginal()
    {
        var url = WhatwgUrl.Parse("https://example.com/").GetUrlOrThrow();
        var result = url.WithHref("http://[::1");
        Assert.False(result.Success);
        Assert.Equal(UrlParseError.IPv6Unclosed, result.Error);
        Assert.Equal("https://example.com/", url.Href);
    }

    private static WhatwgUrl Apply(WhatwgUrl url, string setter, string value) => setter switch
    {
        "href" => url.WithHref(value).Url ?? url,
        "protocol" => url.WithProtocol(value),
        "username" => url.WithUsername(value),
        "password" => url.WithPassword(value),
        "host" => url.WithHost(value),
        "hostname" => url.WithHostname(value),
        "port" => url.WithPort(value),
        "pathname" => url.WithPathname(value),
        "search" => url.WithSearch(value),
        "hash" => url.WithHash(value),
        _ => throw new InvalidDataException("unknown setter " + setter),
    };

    private static string? Compare(WhatwgUrl url, JsonElement expected)
    {
        foreach (var p in expected.EnumerateObject())
        {
            var actual = p.Name switch
            {
                "href" => url.Href,
                "protocol" => url.Protocol,
                "username" => url.Username,
                "password" => url.Password,
                "host" => url.Host,
                "hostname" => url.Hostname,
                "port" => url.Port,
                "pathname" => url.Pathname,
                "search" => url.Search,
                "hash" => url.Hash,
                "origin" => url.Origin,
                _ => throw new InvalidDataException("unknown getter " + p.Name),
            };
            if (actual != p.Value.GetString())
            {
                return $"{p.Name}: expected `{p.Value.GetString()}`, got `{actual}` (href {url.Href})";
            }
        }

        return null;
    }
}
