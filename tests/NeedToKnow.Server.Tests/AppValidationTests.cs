using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NeedToKnow.Server.Tests;

/// <summary>Registration creates an app and never changes one; enforcement keys and admissions are checked against the catalog.</summary>
public class AppValidationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private HttpClient Op() => fixture.Client(ServerFixture.OperatorKey);

    private static Task Register(HttpClient op, string appId) => ReviewFlowTests.Register(op, appId);

    private static Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status, string type) => ReviewFlowTests.Problem(response, status, type);

    [Fact]
    public async Task Registering_an_existing_app_again_is_a_conflict_and_changes_nothing()
    {
        using var op = Op();
        await ExampleApp.RegisterLiveAsync(op, "wxtwice");
        await op.PostAsJsonAsync("/v1/apps/wxtwice/enforcement", new { action = "ban", keys = new[] { "Album" } });
        var before = await op.GetStringAsync("/v1/apps/wxtwice");

        var again = await op.PostAsJsonAsync("/v1/apps", new
        {
            appId = "wxtwice",
            developerId = "dev-example",
            developer = new { name = "Someone Else", entityType = "individual", verified = false },
            admissions = Array.Empty<string>(),
        });
        var problem = await Problem(again, HttpStatusCode.Conflict, "urn:ntk:problem:conflict");
        Assert.Equal(
            "app `wxtwice` is already registered; nothing was changed (admissions: `PUT /v1/apps/wxtwice/admissions`, enforcement: `POST /v1/apps/wxtwice/enforcement`)",
            problem.GetProperty("detail").GetString());
        Assert.Equal(before, await op.GetStringAsync("/v1/apps/wxtwice"));
    }

    [Fact]
    public async Task Enforcement_keys_must_be_catalog_or_declared_keys()
    {
        using var op = Op();
        await ExampleApp.RegisterLiveAsync(op, "wxbankeys");
        var before = await op.GetStringAsync("/v1/apps/wxbankeys");

        var wrongCase = await op.PostAsJsonAsync("/v1/apps/wxbankeys/enforcement", new { action = "ban", keys = new[] { "album" } });
        var problem = await Problem(wrongCase, HttpStatusCode.BadRequest, "urn:ntk:problem:bad-request");
        Assert.Equal("`keys`: unknown privacy key `album` (a key is a catalog privacy key or a key the app declared); nothing was changed", problem.GetProperty("detail").GetString());
        Assert.Equal("did you mean `Album`?", problem.GetProperty("help").GetString());

        var two = await op.PostAsJsonAsync("/v1/apps/wxbankeys/enforcement", new { action = "ban", keys = new[] { "Location", "Bogus", "phonenumber" } });
        problem = await Problem(two, HttpStatusCode.BadRequest, "urn:ntk:problem:bad-request");
        Assert.Equal("`keys`: unknown privacy keys `Bogus`, `phonenumber` (a key is a catalog privacy key or a key the app declared); nothing was changed", problem.GetProperty("detail").GetString());
        Assert.Equal("did you mean `PhoneNumber`?", problem.GetProperty("help").GetString());
        Assert.Equal(before, await op.GetStringAsync("/v1/apps/wxbankeys"));

        var ok = await op.PostAsJsonAsync("/v1/apps/wxbankeys/enforcement", new { action = "ban", keys = new[] { "Album" } });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(new[] { "Album" }, (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bannedKeys").EnumerateArray().Select(e => e.GetString()!).ToArray());
        using var host = fixture.Client(await fixture.KeyFor("Host"));
        var decision = await (await host.PostAsJsonAsync("/v1/gate/decide", new { appId = "wxbankeys", userId = "u1", target = "wx.chooseImage", userGesture = true })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("deny", decision.GetProperty("kind").GetString());
        Assert.Equal(1025, decision.GetProperty("reason").GetInt32());
    }

    [Fact]
    public async Task Admissions_must_be_catalog_keys_or_apis_that_need_admission()
    {
        using var op = Op();
        await Register(op, "wxadmit");
        var before = await op.GetStringAsync("/v1/apps/wxadmit");

        var bogus = await op.PutAsJsonAsync("/v1/apps/wxadmit/admissions", new { admissions = new[] { "Bogus", "location" } });
        var problem = await Problem(bogus, HttpStatusCode.BadRequest, "urn:ntk:problem:bad-request");
        Assert.Equal("`admissions`: unknown privacy key or API `Bogus`, `location` (an admission is a catalog privacy key or API that needs admission); nothing was changed", problem.GetProperty("detail").GetString());
        Assert.Equal("did you mean `Location`?", problem.GetProperty("help").GetString());

        var needless = await op.PutAsJsonAsync("/v1/apps/wxadmit/admissions", new { admissions = new[] { "Location", "Album" } });
        problem = await Problem(needless, HttpStatusCode.BadRequest, "urn:ntk:problem:bad-request");
        Assert.Equal("`admissions`: `Album` needs no admission; nothing was changed", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await op.GetStringAsync("/v1/apps/wxadmit"));

        var ok = await op.PutAsJsonAsync("/v1/apps/wxadmit/admissions", new { admissions = new[] { "Address", "wx.getLocation" } });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(new[] { "Address", "wx.getLocation" }, (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("admissions").EnumerateArray().Select(e => e.GetString()!).ToArray());

        var register = await op.PostAsJsonAsync("/v1/apps", new { appId = "wxadmit2", developerId = "d", developer = new { name = "n", entityType = "individual" }, admissions = new[] { "Bogus" } });
        problem = await Problem(register, HttpStatusCode.BadRequest, "urn:ntk:problem:bad-request");
        Assert.StartsWith("`admissions`: unknown privacy key or API `Bogus`", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync("/v1/apps/wxadmit2")).StatusCode);
    }
}
