using System.Text;
using System.Text.Json;
using NeedToKnow.Links.Url;
using NeedToKnow.Testing;

namespace NeedToKnow.Links.Tests.Url;

/// <summary>
/// The single-pass fast path (<c>UrlParser.TryParseFast</c>) must give exactly what the full state machine gives:
/// every getter is compared with the fast path on and off, over WPT's inputs and over link-shaped inputs.
/// </summary>
public sealed class FastPathTests
{
    private static readonly string[] Schemes = ["https://", "HTTPS://", "http://", "Ws://", "wss://", "ftp://", "weixin://", "taobao://", "itms-apps://", "market://", "javascript:", "sc:", "mailto:", "file://", "http:", "https:///", "https:\\\\", "a+b.c-d://"];
    private static readonly string[] Hosts = ["mp.weixin.qq.com", "WWW.EXAMPLE.COM", "example.com.", "a..b", "x_y.example", "xn--fiqs8s.example", "例子.测试", "bücher.example", "192.168.0.1", "1.2.3.0x10", "foo.09", "foo.0x", "a.1.", "[2001:db8::1]", "trusted.com@evil.com", "user:pw@h", "h%41st", "ho st", "", "details", "h:80", "h:443", "h:8080", "h:65535", "h:65536", "h:", "h:0080", "h:8a", "h~x"];
    private static readonly string[] Paths = ["", "/", "/s/AbCdEf123", "/a/../b/./c", "/..", "/.", "/a/..", "/a/.", "/%2e%2E/x", "/.%2e/y", "/%E4%B8%AD", "/中文/路径", "\\a\\b", "/a\\..\\b", "/x y", "/<>\"`{}^|", "//double", "/\ud83d\ude00", "/\ud800x", "/\u007f\u0001"];
    private static readonly string[] Queries = ["", "?", "?id=123", "?q=hello world", "?x=%zz", "?a='b'", "?b=中", "?<\">", "?\ud800"];
    private static readonly string[] Fragments = ["", "#", "#top", "#%20", "#a b`c", "#/r?x#y", "#中"];

    [Fact]
    public void UrlTestDataInputs_SameResultWithAndWithoutFastPath()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(RepoPaths.SharedFile("conformance", "url", "urltestdata.json")));
        var compared = 0;
        foreach (var c in doc.RootElement.EnumerateArray())
        {
            if (c.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var input = c.GetProperty("input").GetString()!;
            var baseText = c.GetProperty("base").ValueKind == JsonValueKind.Null ? null : c.GetProperty("base").GetString();
            AssertSame(input, baseText);
            compared++;
        }

        Assert.Equal(891, compared);
    }

    [Fact]
    public void LinkShapedInputs_SameResultWithAndWithoutFastPath()
    {
        var random = new Random(6);
        var fast = 0;
        for (var i = 0; i < 30000; i++)
        {
            var input = new StringBuilder()
                .Append(i % 50 == 0 ? " " : string.Empty)
                .Append(Pick(random, Schemes)).Append(Pick(random, Hosts)).Append(Pick(random, Paths))
                .Append(Pick(random, Queries)).Append(Pick(random, Fragments))
                .Append(i % 70 == 0 ? "\u0001" : string.Empty)
                .ToString();
            AssertSame(input, null);
            AssertSame(input, i % 3 == 0 ? "https://base.example/dir/file?q#f" : "sc://h/p");
            if (UrlParser.TryParseFast(input.AsSpan().Trim()) is not null)
            {
                fast++;
            }
        }

        Assert.InRange(fast, 9000, 30000);
    }

    [Theory]
    [InlineData("https://WWW.EXAMPLE.COM:443/a/../b/./c?q=hello world&b=中#top", "https://www.example.com/b/c?q=hello%20world&b=%E4%B8%AD#top")]
    [InlineData("weixin://WWW.X:80/中文?a='b'", "weixin://WWW.X:80/%E4%B8%AD%E6%96%87?a='b'")]
    [InlineData("javascript:alert(1) ?x", "javascript:alert(1)%20?x")]
    [InlineData("market://details?id=com.example.app", "market://details?id=com.example.app")]
    [InlineData("http://h:/a\\..\\b", "http://h/b")]
    public void FastPath_TakesCommonLinks(string input, string href)
    {
        var url = UrlParser.TryParseFast(input);
        Assert.NotNull(url);
        Assert.Equal(href, url.Href);
        AssertSame(input, null);
    }

    [Theory]
    [InlineData("https://user@h/")]
    [InlineData("https://192.168.0.1/")]
    [InlineData("https://例子.测试/")]
    [InlineData("file:///C:/x")]
    [InlineData("http:h")]
    [InlineData("https:///h")]
    [InlineData("sc:/path")]
    [InlineData("https://h:99999/")]
    public void FastPath_LeavesUnusualShapesToTheStateMachine(string input)
    {
        Assert.Null(UrlParser.TryParseFast(input));
        AssertSame(input, null);
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static void AssertSame(string input, string? baseText)
    {
        UrlParseResult slow;
        UrlParser.UseFastPath = false;
        try
        {
            slow = WhatwgUrl.Parse(input, baseText);
        }
        finally
        {
            UrlParser.UseFastPath = true;
        }

        var fast = WhatwgUrl.Parse(input, baseText);
        Assert.True(slow.Error == fast.Error, $"`{input}` against `{baseText}`: {slow.Error} vs {fast.Error}");
        if (!slow.Success)
        {
            return;
        }

        var a = slow.Url!;
        var b = fast.Url!;
        var context = $"`{input}` against `{baseText}`: {a.Href} vs {b.Href}";
        Assert.True(
            a.Href == b.Href && a.Protocol == b.Protocol && a.Username == b.Username && a.Password == b.Password
            && a.Host == b.Host && a.Hostname == b.Hostname && a.Port == b.Port && a.PortNumber == b.PortNumber
            && a.Pathname == b.Pathname && a.Search == b.Search && a.Hash == b.Hash && a.Query == b.Query
            && a.Fragment == b.Fragment && a.HostKind == b.HostKind && a.HasOpaquePath == b.HasOpaquePath
            && a.IsSpecial == b.IsSpecial && a.IncludesCredentials == b.IncludesCredentials && a.Origin == b.Origin,
            context);
    }
}
