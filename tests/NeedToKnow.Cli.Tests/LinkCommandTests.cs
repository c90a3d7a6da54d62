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
    public void A_rival_platforms_short_link_goes_to_a_browser()
    {
        var (exit, stdout, _) = CliRunner.Run("link", "check", "https://m.tb.cn/h.abc");
        Assert.Equal(1, exit);
        Assert.StartsWith("copyToBrowser: rival-platform (decided by rules/rival-platforms, matched `tb.cn`)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unparseable_link_says_why_the_parser_refused_it()
    {
        var (exit, stdout, _) = CliRunner.Run("link", "check", "http://[::1");
        Assert.Equal(1, exit);
        Assert.StartsWith("block: url-unparseable", stdout, StringComparison.Ordinal);
        Assert.Contains("parse error: ", stdout, StringComparison.Ordinal);
        var (_, json, _) = CliRunner.Run("link", "check", "http://[::1", "--format", "json");
        using var doc = JsonDocument.Parse(json);
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("parseError").GetString()));
    }

    [Fact]
    public async Task App_takes_the_business_domains_of_its_live_declaration_from_the_store()
    {
        var db = Path.Combine(Path.GetTempPath(), "ntk-link-app-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            var store = await NeedToKnow.Storage.NeedToKnowStore.OpenAsync(NeedToKnow.Storage.StoreConnection.Sqlite(db));
            await using (store)
            {
                var document = "{\"appId\":\"wxlinks0000000001\",\"businessDomains\":[\"help.cornershop.example.com\"]}";
                await store.Declarations.AddVersionAsync(new NeedToKnow.Core.Gate.DeclarationVersion("wxlinks0000000001", 1, [], null, DateTimeOffset.UnixEpoch, document));
                await store.Declarations.UpsertAppAsync(new NeedToKnow.Core.Gate.AppRecord("wxlinks0000000001", NeedToKnow.Core.Gate.AppStatus.Live, 1,
                    new NeedToKnow.Core.Gate.DeveloperInfo("Corner Shop", "organisation", true), [], []));
            }

            var (open, stdout, _) = CliRunner.Run("link", "check", "https://help.cornershop.example.com/faq", "--context", "webview", "--app", "wxlinks0000000001", "--db", db);
            Assert.Equal(0, open);
            Assert.StartsWith("openInApp: webview-business-domain", stdout, StringComparison.Ordinal);
            var (other, _, _) = CliRunner.Run("link", "check", "https://other.example.net/", "--context", "webview", "--app", "wxlinks0000000001", "--db", db);
            Assert.Equal(1, other);
            var (unknown, _, err) = CliRunner.Run("link", "check", "https://other.example.net/", "--app", "wxnosuchapp000000", "--db", db);
            Assert.Equal(2, unknown);
            Assert.Contains("has no live declaration", err, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { db, db + "-wal", db + "-shm" })
            {
                File.Delete(f);
            }
        }
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
