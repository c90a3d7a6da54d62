using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace NeedToKnow.EndToEnd.Tests;

/// <summary>
/// The issue's end-to-end run on real input: every program of ../shared/corpus is registered, reviewed and approved
/// with a declaration that leaves some of its uses undeclared; a population of users then calls the privacy APIs the
/// review found. Undeclared uses must be intercepted with 112, consented uses allowed, refusals honoured; the
/// dashboard's figures must equal the audit log's, and <c>ntk audit verify</c> must pass on the database.
/// </summary>
public sealed class CorpusReplayTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int UsersPerProgram = 6;

    [Fact]
    public async Task Corpus_programs_are_gated_as_declared_and_the_dashboard_matches_the_log()
    {
        var corpus = Directory.GetDirectories(NeedToKnow.Testing.RepoPaths.SharedFile("corpus")).Order(StringComparer.Ordinal).ToArray();
        Assert.True(corpus.Length >= 10, "expected the 10 corpus programs, found " + corpus.Length);

        await using var server = await NtkServeProcess.StartAsync();
        using var op = server.Client();
        var host = await KeyAsync(op, "Host");
        using var hostClient = server.Client(host);

        long expectedDenied = 0, undeclaredUses = 0, allowedAfterConsent = 0, refusalsHonoured = 0;
        var programs = 0;
        foreach (var (folder, index) in corpus.Select((f, i) => (f, i)))
        {
            var src = Path.Combine(folder, "src");
            var review = Review(src);
            var used = review.GetProperty("detected").EnumerateArray()
                .Select(d => (Key: d.GetProperty("key").GetString()!, Api: d.GetProperty("sites")[0].GetProperty("api").GetString()!))
                .Select(u => (u.Key, Api: u.Api.StartsWith('<') ? u.Key : u.Api)) // a host asks for a component's use by its privacy key
                .ToArray();
            if (used.Length == 0)
            {
                continue;
            }

            programs++;
            var appId = "wxcorpus" + index.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
            var declared = used.Where((_, i) => i % 2 == 0).Select(u => u.Key).ToHashSet(StringComparer.Ordinal);
            await RegisterAndPublishAsync(op, appId, src, declared, [.. used.Select(u => u.Key)]);

            for (var u = 0; u < UsersPerProgram; u++)
            {
                var user = appId + "-user-" + u;
                foreach (var (key, api) in used)
                {
                    var first = await DecideAsync(hostClient, appId, user, api);
                    if (!declared.Contains(key))
                    {
                        Assert.Equal(("deny", 112), (first.Kind, first.Reason));
                        undeclaredUses++;
                        expectedDenied++;
                        continue;
                    }

                    var decision = first;
                    var grants = u % 3 != 2; // two users in three grant, one refuses
                    for (var step = 0; step < 4 && decision.Kind == "prompt"; step++)
                    {
                        await AnswerAsync(hostClient, appId, user, decision, grants);
                        decision = await DecideAsync(hostClient, appId, user, api);
                    }

                    if (grants)
                    {
                        Assert.True(decision.Kind == "allow", appId + " " + api + " for a consenting user: " + decision.Raw);
                        allowedAfterConsent++;
                    }
                    else
                    {
                        Assert.Equal("deny", decision.Kind);
                        Assert.Contains(decision.Reason, new[] { 103, 104 });
                        refusalsHonoured++;
                        expectedDenied++;
                    }
                }
            }
        }

        Assert.True(programs >= 9, "programs with privacy API uses: " + programs);
        Assert.True(undeclaredUses > 0 && allowedAfterConsent > 0 && refusalsHonoured > 0);

        // The audit log's statistics count exactly the interceptions the hosts saw.
        var stats = await WaitForStatsAsync(op, expectedDenied);
        Assert.Equal(expectedDenied, stats.GetProperty("interceptions").GetInt64());

        // The dashboard, in a real browser, shows the same figures.
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(server.BaseAddress + "dashboard#key=" + NtkServeProcess.OperatorKey);
        await page.WaitForSelectorAsync("body[data-loaded=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        var attempts = await page.InnerTextAsync("[data-testid=attempts]");
        var shownPrograms = await page.InnerTextAsync("[data-testid=programs]");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "dashboard-corpus.png"), FullPage = true });
        Assert.Equal(stats.GetProperty("interceptions").GetInt64().ToString("N0", System.Globalization.CultureInfo.InvariantCulture), attempts);
        Assert.Equal(stats.GetProperty("interceptedPrograms").GetInt64().ToString("N0", System.Globalization.CultureInfo.InvariantCulture), shownPrograms);
        Assert.Contains(stats.GetProperty("interceptions").GetInt64().ToString("N0", System.Globalization.CultureInfo.InvariantCulture), await page.InnerTextAsync("[data-testid=headline]"));

        // The log verifies offline against its signed tree head.
        await server.DisposeAsync();
        var (exit, stdout, stderr) = RunNtk("audit", "verify", "--db", server.Db);
        server.DeleteFolder();
        Assert.True(exit == 0, "ntk audit verify: " + stdout + stderr);
    }

    private sealed record Decision(string Kind, int Reason, string? PromptKind, string? Key, string? Scope, bool Separate, string Raw);

    private static async Task<Decision> DecideAsync(HttpClient host, string appId, string user, string api)
    {
        var response = await host.PostAsJsonAsync("/v1/gate/decide", new { appId, userId = user, target = api, userGesture = true });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var d = JsonDocument.Parse(body).RootElement;
        var prompt = d.TryGetProperty("prompt", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        return new Decision(
            d.GetProperty("kind").GetString()!,
            d.GetProperty("reason").GetInt32(),
            prompt.ValueKind == JsonValueKind.Object ? prompt.GetProperty("kind").GetString() : null,
            prompt.ValueKind == JsonValueKind.Object ? prompt.GetProperty("key").GetString() : null,
            prompt.ValueKind == JsonValueKind.Object && prompt.TryGetProperty("scope", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null,
            prompt.ValueKind == JsonValueKind.Object && prompt.GetProperty("separateConsent").GetBoolean(),
            body);
    }

    private static async Task AnswerAsync(HttpClient host, string appId, string user, Decision prompt, bool granted)
    {
        var declaration = prompt.PromptKind != "ScopeAuthorization";
        var response = await host.PostAsJsonAsync("/v1/gate/answers", new
        {
            appId,
            userId = user,
            kind = declaration ? "declaration" : "scope",
            keys = declaration ? new[] { prompt.Key } : null,
            scope = prompt.Scope,
            granted,
            method = prompt.Separate ? "SeparatePopup" : null, // sensitive PI: separate consent (PIPL Art. 29)
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task RegisterAndPublishAsync(HttpClient op, string appId, string src, IReadOnlySet<string> declared, string[] admitted)
    {
        var register = await op.PostAsJsonAsync("/v1/apps", new
        {
            appId,
            developerId = "dev-" + appId,
            developer = new { name = "Corpus developer " + appId, entityType = "organisation", verified = true },
            admissions = admitted, // admitted by the platform, so an undeclared use fails at the declaration check (112)
        });
        Assert.True(register.IsSuccessStatusCode, await register.Content.ReadAsStringAsync());

        var declaration = new JsonObject
        {
            ["appId"] = appId,
            ["version"] = "1.0.0",
            ["developer"] = new JsonObject { ["name"] = "Corpus developer " + appId, ["entityType"] = "organisation", ["verified"] = true },
            ["serviceCategory"] = "online-shopping",
            ["contact"] = new JsonObject { ["email"] = "privacy@" + appId + ".example.com" },
            ["changeNotice"] = "更新隐私保护指引时，通过小程序内弹窗告知你并重新征得同意",
            ["retention"] = "until-account-deletion",
            ["items"] = new JsonArray([.. declared.Order(StringComparer.Ordinal).Select(key => (JsonNode)new JsonObject
            {
                ["key"] = key,
                ["purpose"] = "在你主动使用与" + key + "相关的功能时，用于完成该功能（" + appId + "）",
                ["necessity"] = "optional",
            })]),
        };
        using var form = new MultipartFormDataContent
        {
            { new StringContent(declaration.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), "declaration", "privacy.json" },
            { new ByteArrayContent(NeedToKnow.Cli.Commands.SimulateCommand.ZipFolder(src)), "package", "package.zip" },
        };
        var submitted = await op.PostAsync("/v1/apps/" + appId + "/versions", form);
        var body = await submitted.Content.ReadAsStringAsync();
        Assert.True(submitted.IsSuccessStatusCode, body);
        var version = JsonDocument.Parse(body).RootElement.GetProperty("version").GetInt32();
        var approved = await op.PostAsJsonAsync("/v1/apps/" + appId + "/versions/" + version + "/approve", new { reason = "corpus replay" });
        Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> WaitForStatsAsync(HttpClient op, long expected)
    {
        JsonElement stats = default;
        for (var i = 0; i < 100; i++)
        {
            stats = await op.GetFromJsonAsync<JsonElement>("/v1/audit/stats");
            if (stats.GetProperty("interceptions").GetInt64() >= expected)
            {
                break;
            }

            await Task.Delay(100);
        }

        return stats;
    }

    private static async Task<string> KeyAsync(HttpClient op, string role)
    {
        var response = await op.PostAsJsonAsync("/v1/keys", new { role });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    private static JsonElement Review(string src)
    {
        var (_, stdout, stderr) = RunNtk("review", src, "--format", "json", "--fail-on", "none");
        Assert.True(stdout.TrimStart().StartsWith('{'), "ntk review printed no json: " + stderr);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    internal static (int Exit, string Out, string Err) RunNtk(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var exit = NeedToKnow.Cli.NtkApp.Run(args, new NeedToKnow.Cli.CliOutput(o, e));
        return (exit, o.ToString(), e.ToString());
    }
}
