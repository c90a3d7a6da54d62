using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace NeedToKnow.EndToEnd.Tests;

/// <summary>The user privacy report in a real browser: a user sees what a program asked for and withdraws consent there.</summary>
public sealed class UserPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_user_sees_the_report_and_withdraws_consent_from_the_page()
    {
        await using var server = await NtkServeProcess.StartAsync();
        using var op = server.Client();
        var examples = NeedToKnow.Testing.RepoPaths.RepoFile("examples");
        var (exit, _, err) = CorpusReplayTests.RunNtk("simulate", "--server", server.BaseAddress.ToString(), "--operator-key", NtkServeProcess.OperatorKey,
            "--programs", "1", "--users", "1", "--requests", "1", "--examples", examples);
        Assert.True(exit == 0, err);

        var hostKey = (await (await op.PostAsJsonAsync("/v1/keys", new { role = "Host" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        using var host = server.Client(hostKey);
        const string app = "wxsim0001";
        const string user = "page-user";
        var prompt = await (await host.PostAsJsonAsync("/v1/gate/decide", new { appId = app, userId = user, target = "wx.chooseImage", userGesture = true })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("prompt", prompt.GetProperty("kind").GetString());
        (await host.PostAsJsonAsync("/v1/gate/answers", new { appId = app, userId = user, kind = "declaration", keys = new[] { "Album" }, granted = true })).EnsureSuccessStatusCode();
        var allowed = await (await host.PostAsJsonAsync("/v1/gate/decide", new { appId = app, userId = user, target = "wx.chooseImage", userGesture = true })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("allow", allowed.GetProperty("kind").GetString());

        var token = (await (await host.PostAsJsonAsync("/v1/users/" + user + "/token", new { lifetimeSeconds = 600 })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        // Another user's token cannot read this user's consents.
        var otherToken = (await (await host.PostAsJsonAsync("/v1/users/someone-else/token", new { })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        using (var other = server.Client(otherToken))
        {
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await other.GetAsync("/v1/users/" + user + "/consents")).StatusCode);
        }

        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(server.BaseAddress + "me#token=" + token);
        await page.WaitForSelectorAsync("body[data-loaded=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        var report = await page.InnerTextAsync("[data-testid=report]");
        Assert.Contains(app, report);
        Assert.Contains("Album", report);
        Assert.Contains("allow", report);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "user-report.png"), FullPage = true });

        await page.ClickAsync("[data-testid=withdraw-" + app + "-Album]");
        await page.WaitForFunctionAsync("() => !document.querySelector('[data-testid=withdraw-" + app + "-Album]')", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.Contains("withdrawn", await page.InnerTextAsync("[data-testid=consents]"));

        // The withdrawal takes effect for the very next decision.
        var after = await (await host.PostAsJsonAsync("/v1/gate/decide", new { appId = app, userId = user, target = "wx.chooseImage", userGesture = true })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual("allow", after.GetProperty("kind").GetString());
        server.DeleteFolder();
    }
}
