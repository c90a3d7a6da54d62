using System.Text.Json;

namespace NeedToKnow.Cli.Tests;

public sealed class LinkCommandTests
{
    [Fact]
    public void Platform_link_opens_in_app_with_exit_0()
    {
        var (exit, stdout, _) = CliRunner.Run("link", "check", "https://mp.weixin.qq.com/s/x");
        Assert.Equal(0, exit);
        Assert.StartsWith("openInApp: platform-domain (decided by rules/platform, matched `weixin.qq.com`)", stdout, StringComparison.Ordinal);
        Assert.Contains("registrable domain: qq.com", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Rival_link_goes_to_a_browser_with_exit_1_and_json()
    {
        var (exit, stdout, _) = CliRunner.Run("link", "check", "https://item.taobao.com/x", "--format", "json");
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("copyToBrowser", doc.RootElement.GetProperty("decision").GetString());
        Assert.Equal("rival-platform", doc.RootElement.GetProperty("reason").GetString());
        Assert.Equal("rules/rival-platforms", doc.RootElement.GetProperty("decidedBy").GetString());
        Assert.Equal("taobao.com", doc.RootElement.GetProperty("registrableDomain").GetString());
    }

    [Fact]
    public void Webview_uses_the_app_domains()
    {
        var (exit, stdout, _) = CliRunner.Run("link", "check", "https://shop.example.com/", "--context", "webview", "--app-domains", "example.com,example.org");
        Assert.Equal(0, exit);
        Assert.StartsWith("openInApp: webview-business-domain", stdout, StringComparison.Ordinal);
        var (blocked, _, _) = CliRunner.Run("link", "check", "http://shop.example.com/", "--context", "webview", "--app-domains", "example.com");
        Assert.Equal(1, blocked);
    }

    [Fact]
    public void Share_for_reward_title_blocks()
    {
        var (exit, stdout, _) = CliRunner.Run("link", "check", "https://example.com/", "--context", "share", "--title", "转发领红包");
        Assert.Equal(1, exit);
        Assert.StartsWith("block: share-for-reward", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_configuration_is_exit_2_with_diagnostics()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "{\"version\": 1, \"rulez\": []}");
            var (exit, _, stderr) = CliRunner.Run("link", "check", "https://example.com/", "--config", path);
            Assert.Equal(2, exit);
            Assert.Contains("NTK-LINK-002: unknown property `rulez`", stderr, StringComparison.Ordinal);
            Assert.Contains("help: did you mean `rules`?", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_configuration_file_is_exit_2()
    {
        var (exit, _, stderr) = CliRunner.Run("link", "check", "https://example.com/", "--config", "/nonexistent/policy.json");
        Assert.Equal(2, exit);
        Assert.StartsWith("error: cannot read the configuration `/nonexistent/policy.json`", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_app_domain_is_exit_2()
    {
        var (exit, _, stderr) = CliRunner.Run("link", "check", "https://example.com/", "--app-domains", "https://x.com/");
        Assert.Equal(2, exit);
        Assert.Contains("business domain `https://x.com/` is not a domain name", stderr, StringComparison.Ordinal);
    }
}
