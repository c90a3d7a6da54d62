using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace NeedToKnow.EndToEnd.Tests;

/// <summary>The dashboard's per-app page in a real browser: its declaration, findings and rates equal the API's and the audit log's statistics.</summary>
public sealed class AppPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_app_page_shows_the_declaration_findings_and_the_audit_figures()
    {
        await using var server = await NtkServeProcess.StartAsync();
        var examples = NeedToKnow.Testing.RepoPaths.RepoFile("examples");
        var (exit, summary, err) = CorpusReplayTests.RunNtk("simulate", "--server", server.BaseAddress.ToString(), "--operator-key", NtkServeProcess.OperatorKey,
            "--programs", "1", "--users", "40", "--requests", "400", "--rate", "0", "--seed", "7", "--examples", examples, "--format", "json");
        Assert.True(exit == 0, err);
        const string app = "wxsim0001";
        var denied = JsonDocument.Parse(summary).RootElement.GetProperty("denied").GetInt64();

        // Every denial is an interception record, appended by the audit log's writer after the decision was answered:
        // wait until the log holds them all, so the API's figures and the page's are read from the same log.
        using var op = server.Client();
        var stats = await op.GetFromJsonAsync<JsonElement>("/v1/apps/" + app + "/stats");
        for (var i = 0; i < 100 && stats.GetProperty("interceptions").GetInt64() < denied; i++)
        {
            await Task.Delay(100);
            stats = await op.GetFromJsonAsync<JsonElement>("/v1/apps/" + app + "/stats");
        }

        Assert.Equal(denied, stats.GetProperty("interceptions").GetInt64());
        var overview = await op.GetFromJsonAsync<JsonElement>("/v1/apps/" + app + "/overview");
        var interceptions = stats.GetProperty("interceptions").GetInt64();
        Assert.True(interceptions > 0, "the simulation made no interceptions: " + stats);
        var consent = stats.GetProperty("consentEvents").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("count").GetInt64());
        var granted = consent.GetValueOrDefault("granted");
        var refused = consent.GetValueOrDefault("refused");
        Assert.True(granted > 0 && refused > 0, "the simulation should both grant and refuse: " + stats);

        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync(server.BaseAddress + "dashboard#key=" + NtkServeProcess.OperatorKey);
        await page.WaitForSelectorAsync("body[data-loaded=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });

        // From the overview's top programs to the app's page, as an operator would click.
        await page.ClickAsync("[data-testid=top-programs] a:text('" + app + "')");
        await page.WaitForSelectorAsync("[data-testid=app-title]:has-text('" + app + "')", new PageWaitForSelectorOptions { Timeout = 30_000 });
        await page.WaitForSelectorAsync("body[data-loaded=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });

        Assert.Equal(interceptions.ToString("N0", CultureInfo.InvariantCulture), await page.InnerTextAsync("[data-testid=app-interceptions]"));
        Assert.Equal(Percent((double)granted / (granted + refused)), await page.InnerTextAsync("[data-testid=app-consent-rate]"));
        Assert.Equal(Percent((double)refused / (granted + refused)), await page.InnerTextAsync("[data-testid=app-refusal-rate]"));

        var declared = overview.GetProperty("declaration").EnumerateArray().Select(i => i.GetProperty("key").GetString()!).ToArray();
        Assert.Equal(["PhoneNumber", "Location", "Album"], declared);
        var rows = await page.Locator("[data-testid=app-declaration] tbody tr td:first-child").AllInnerTextsAsync();
        Assert.Equal(declared, rows);

        var findings = overview.GetProperty("versions").EnumerateArray().SelectMany(v => v.GetProperty("findings").EnumerateArray()).Select(f => f.GetProperty("ruleId").GetString()!).ToArray();
        var findingRows = await page.Locator("[data-testid=app-findings] tbody tr td:nth-child(3)").AllInnerTextsAsync();
        Assert.Equal(findings.Length == 0 ? [""] : findings, findingRows);
        Assert.Contains("approved", await page.InnerTextAsync("[data-testid=app-findings]"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "dashboard-app.png"), FullPage = true });
        server.DeleteFolder();
    }

    /// <summary>The page's rounding: one decimal of a percentage (common.js <c>ntk.percent</c>).</summary>
    private static string Percent(double x) => (Math.Round(x * 1000, MidpointRounding.AwayFromZero) / 10).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
