using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeedToKnow.Core.Submissions;
using NeedToKnow.Server.Platform;
using NeedToKnow.Testing;

namespace NeedToKnow.Server.Tests;

#pragma warning disable NTK9001 // the store is used to stand in for versions stored before these rules

/// <summary>App registration, submissions, verdicts and enforcement: what is refused, with which problem, and that a refusal changes nothing.</summary>
public class ReviewFlowTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private HttpClient Op() => fixture.Client(ServerFixture.OperatorKey);

    private PlatformStores Stores => (PlatformStores)fixture.Server.Services.GetService(typeof(PlatformStores))!;

    internal static async Task Register(HttpClient op, string appId)
    {
        var response = await op.PostAsJsonAsync("/v1/apps", new
        {
            appId,
            developerId = "dev-" + appId,
            developer = new { name = "Corner Shop Trading Co., Ltd.", entityType = "organisation", verified = true },
            admissions = new[] { "Location" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>The examples/ program's zip, with <paramref name="extra"/> entries added.</summary>
    private static byte[] ExampleZip(Action<ZipArchive>? extra = null)
    {
        var folder = RepoPaths.RepoFile("examples");
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(folder, "miniprogram"), "*", SearchOption.AllDirectories))
            {
                archive.CreateEntryFromFile(file, Path.GetRelativePath(folder, file).Replace('\\', '/'));
            }

            extra?.Invoke(archive);
        }

        return zip.ToArray();
    }

    private static async Task<HttpResponseMessage> Submit(HttpClient op, string appId, byte[] package)
    {
        var declaration = JsonNode.Parse(await File.ReadAllTextAsync(RepoPaths.RepoFile("examples/privacy.json")))!.AsObject();
        declaration["appId"] = appId;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(declaration.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), "declaration", "privacy.json" },
            { new ByteArrayContent(package), "package", "package.zip" },
        };
        return await op.PostAsync("/v1/apps/" + appId + "/versions", form);
    }

    private static async Task<int> SubmitOk(HttpClient op, string appId)
    {
        var response = await Submit(op, appId, ExampleZip());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
    }

    internal static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, response.StatusCode + ": " + body);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(type, problem.GetProperty("type").GetString());
        return problem;
    }

    private static async Task<string[]> Queue(HttpClient op, string appId) =>
        [.. (await op.GetFromJsonAsync<JsonElement>("/v1/review-queue")).EnumerateArray()
            .Where(s => s.GetProperty("appId").GetString() == appId).Select(s => s.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private static async Task<JsonElement> Versions(HttpClient op, string appId) => await op.GetFromJsonAsync<JsonElement>("/v1/apps/" + appId + "/versions");

    [Fact]
    public async Task A_package_that_is_not_a_zip_is_refused_naming_the_part_not_the_temp_file()
    {
        using var op = Op();
        await Register(op, "wxnotzip");
        var response = await Submit(op, "wxnotzip", "this is not a zip"u8.ToArray());
        var problem = await Problem(response, HttpStatusCode.BadRequest, "urn:ntk:problem:bad-request");
        Assert.Equal(
            "the package could not be reviewed (NTK-PKG-001): the uploaded part `package` is not a readable zip file: central Directory corrupt",
            problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("ntk-upload", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("NTK-PKG-001", problem.GetProperty("findings")[0].GetProperty("ruleId").GetString());
        Assert.Equal(0, (await Versions(op, "wxnotzip")).GetArrayLength());
        Assert.Empty(await Queue(op, "wxnotzip"));
    }

    [Fact]
    public async Task A_zip_bomb_is_refused_naming_the_limit()
    {
        using var op = Op();
        await Register(op, "wxbomb");
        var package = ExampleZip(a =>
        {
            using var s = a.CreateEntry("miniprogram/bomb.js", CompressionLevel.SmallestSize).Open();
            s.Write(new byte[4 * 1024 * 1024]);
        });
        long compressed;
        using (var read = new ZipArchive(new MemoryStream(package)))
        {
            compressed = read.GetEntry("miniprogram/bomb.js")!.CompressedLength;
        }

        var problem = await Problem(await Submit(op, "wxbomb", package), HttpStatusCode.BadRequest, "urn:ntk:problem:bad-request");
        Assert.Equal(
            "the package could not be reviewed (NTK-PKG-012): zip entry `miniprogram/bomb.js` expands " + (4L * 1024 * 1024 / compressed) + " times (" + compressed
                + " to 4194304 bytes), over the limit `maxCompressionRatio` = 200; it was not read",
            problem.GetProperty("detail").GetString());
        Assert.Equal(0, (await Versions(op, "wxbomb")).GetArrayLength());
        Assert.Empty(await Queue(op, "wxbomb"));
    }

    [Fact]
    public async Task A_zip_with_an_entry_escaping_the_root_is_refused()
    {
        using var op = Op();
        await Register(op, "wxslip");
        var package = ExampleZip(a =>
        {
            using var s = a.CreateEntry("../../evil.js").Open();
            s.Write("wx.getClipboardData({})"u8);
        });
        var problem = await Problem(await Submit(op, "wxslip", package), HttpStatusCode.BadRequest, "urn:ntk:problem:bad-request");
        Assert.Equal(
            "the package could not be reviewed (NTK-PKG-010): zip entry `../../evil.js` escapes the package root; it was not read",
            problem.GetProperty("detail").GetString());
        Assert.Equal(0, (await Versions(op, "wxslip")).GetArrayLength());
    }

    [Fact]
    public async Task A_stored_version_whose_package_was_not_reviewed_cannot_be_approved_only_rejected()
    {
        using var op = Op();
        await Register(op, "wxunrev");
        var version = await SubmitOk(op, "wxunrev");

        // As a server before this rule stored it: pending, with a package-level error.
        var stored = (await Stores.Submissions.GetAsync("wxunrev", version))!;
        await Stores.Submissions.DecideAsync("wxunrev", version, SubmissionStatus.Rejected, null, DateTimeOffset.UtcNow);
        var unreviewed = stored with
        {
            Version = version + 1,
            Findings = [.. stored.Findings, new SubmissionFinding("NTK-PKG-012", "error", "zip entry `a.js` expands 5000 times", null, "a.js", 0, 0), new SubmissionFinding("NTK-PKG-010", "error", "zip entry `../a.js` escapes the package root", null, null, 0, 0)],
        };
        await Stores.Submissions.AddAsync(unreviewed);

        var approve = await op.PostAsJsonAsync("/v1/apps/wxunrev/versions/" + (version + 1) + "/approve", new { reason = "looks fine" });
        var problem = await Problem(approve, HttpStatusCode.Conflict, "urn:ntk:problem:conflict");
        Assert.Equal(
            "version " + (version + 1) + " of app `wxunrev` cannot be approved: its package could not be reviewed (NTK-PKG-010, NTK-PKG-012); it may only be rejected",
            problem.GetProperty("detail").GetString());
        var app = await op.GetFromJsonAsync<JsonElement>("/v1/apps/wxunrev");
        Assert.Equal(JsonValueKind.Null, app.GetProperty("liveVersion").ValueKind);

        var reject = await op.PostAsJsonAsync("/v1/apps/wxunrev/versions/" + (version + 1) + "/reject", new { reason = "the package could not be reviewed" });
        Assert.Equal(HttpStatusCode.OK, reject.StatusCode);
        Assert.Equal("rejected", (await reject.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Approving_a_newer_version_supersedes_older_pending_ones_and_an_older_one_never_goes_live()
    {
        using var op = Op();
        await Register(op, "wxroll");
        var v1 = await SubmitOk(op, "wxroll");
        var v2 = await SubmitOk(op, "wxroll");
        var v3 = await SubmitOk(op, "wxroll");
        Assert.Equal(new[] { "1", "2", "3" }, await Queue(op, "wxroll"));

        Assert.Equal(HttpStatusCode.OK, (await op.PostAsJsonAsync("/v1/apps/wxroll/versions/" + v2 + "/approve", new { reason = "ok" })).StatusCode);
        Assert.Equal(new[] { "3" }, await Queue(op, "wxroll"));
        var first = await op.GetFromJsonAsync<JsonElement>("/v1/apps/wxroll/versions/" + v1);
        Assert.Equal("superseded", first.GetProperty("status").GetString());
        Assert.Equal("superseded by version 2", first.GetProperty("reason").GetString());

        var again = await op.PostAsJsonAsync("/v1/apps/wxroll/versions/" + v1 + "/approve", new { reason = "roll back" });
        var problem = await Problem(again, HttpStatusCode.Conflict, "urn:ntk:problem:conflict");
        Assert.Equal("version 1 of app `wxroll` is superseded, not pending (invalid, decided and superseded versions cannot be decided again)", problem.GetProperty("detail").GetString());
        Assert.Equal(2, (await op.GetFromJsonAsync<JsonElement>("/v1/apps/wxroll")).GetProperty("liveVersion").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await op.PostAsJsonAsync("/v1/apps/wxroll/versions/" + v3 + "/approve", new { reason = "ok" })).StatusCode);
        Assert.Equal(3, (await op.GetFromJsonAsync<JsonElement>("/v1/apps/wxroll")).GetProperty("liveVersion").GetInt32());
        Assert.Empty(await Queue(op, "wxroll"));
    }

    [Fact]
    public async Task Concurrent_approvals_end_with_the_newest_version_live()
    {
        using var op = Op();
        await Register(op, "wxrace");
        var versions = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            versions.Add(await SubmitOk(op, "wxrace"));
        }

        var answers = await Task.WhenAll(versions.Select(v => op.PostAsJsonAsync("/v1/apps/wxrace/versions/" + v + "/approve", new { reason = "ok" })));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, a.StatusCode.ToString()));
        Assert.Equal(HttpStatusCode.OK, answers[^1].StatusCode);
        Assert.Equal(6, (await op.GetFromJsonAsync<JsonElement>("/v1/apps/wxrace")).GetProperty("liveVersion").GetInt32());
        Assert.Empty(await Queue(op, "wxrace"));
    }

    [Fact]
    public async Task Approving_a_pending_version_older_than_the_live_one_is_a_conflict()
    {
        using var op = Op();
        await Register(op, "wxolder");
        var v1 = await SubmitOk(op, "wxolder");
        var v2 = await SubmitOk(op, "wxolder");

        // v2 made live as a server before this rule did it, leaving v1 pending.
        await Stores.Submissions.DecideAsync("wxolder", v2, SubmissionStatus.Approved, null, DateTimeOffset.UtcNow);
        var app = (await Stores.Declarations.GetAppAsync("wxolder"))!;
        await Stores.Declarations.UpsertAppAsync(app with { LiveVersion = v2, Status = Core.Gate.AppStatus.Live });

        var approve = await op.PostAsJsonAsync("/v1/apps/wxolder/versions/" + v1 + "/approve", new { reason = "ok" });
        var problem = await Problem(approve, HttpStatusCode.Conflict, "urn:ntk:problem:conflict");
        Assert.Equal("version 2 is live; version 1 is older", problem.GetProperty("detail").GetString());
        Assert.Equal(2, (await op.GetFromJsonAsync<JsonElement>("/v1/apps/wxolder")).GetProperty("liveVersion").GetInt32());
        Assert.Equal("pending", (await op.GetFromJsonAsync<JsonElement>("/v1/apps/wxolder/versions/" + v1)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_verdict_on_a_version_that_does_not_exist_is_404()
    {
        using var op = Op();
        await Register(op, "wxnover");
        foreach (var verdict in new[] { "approve", "reject" })
        {
            var response = await op.PostAsJsonAsync("/v1/apps/wxnover/versions/99/" + verdict, new { reason = "r" });
            var problem = await Problem(response, HttpStatusCode.NotFound, "urn:ntk:problem:not-found");
            Assert.Equal("app `wxnover` has no version 99", problem.GetProperty("detail").GetString());
        }
    }
}
