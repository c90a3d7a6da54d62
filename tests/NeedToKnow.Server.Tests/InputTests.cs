using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace NeedToKnow.Server.Tests;

/// <summary>What the API accepts from outside: ids in routes and bodies, times, answers and withdrawals.</summary>
public class InputTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string type, string detail)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, response.StatusCode + ": " + body);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(type, problem.GetProperty("type").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_user_id_with_a_slash_is_reached_through_percent_2F()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        await ExampleApp.RegisterLiveAsync(op, "wxslash01");
        using var host = fixture.Client(await fixture.KeyFor("Host"));
        (await host.PostAsJsonAsync("/v1/gate/answers", new { appId = "wxslash01", userId = "a/b", kind = "declaration", keys = new[] { "Album" }, granted = true })).EnsureSuccessStatusCode();

        var withdrawn = await host.PostAsJsonAsync("/v1/users/a%2Fb/consents/wxslash01/withdraw", new { keys = new[] { "Album" } });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var consents = await Json(await host.GetAsync("/v1/users/a%2Fb/consents"));
        Assert.Equal("a/b", consents.GetProperty("userId").GetString());
        var album = consents.GetProperty("apps")[0].GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("key").GetString() == "Album");
        Assert.Equal("withdrawn", album.GetProperty("status").GetString());
        var decision = await Json(await host.PostAsJsonAsync("/v1/gate/decide", new { appId = "wxslash01", userId = "a/b", target = "wx.chooseImage", userGesture = true }));
        Assert.NotEqual("allow", decision.GetProperty("kind").GetString());

        // The token is for `a/b`; an escaped `%` (%25) is decoded once, not twice.
        foreach (var (path, user) in new[] { ("a%2Fb", "a/b"), ("a%252Fb", "a%2Fb") })
        {
            var issued = await Json(await host.PostAsJsonAsync("/v1/users/" + path + "/token", new { lifetimeSeconds = 60 }));
            using var me = fixture.Client(issued.GetProperty("token").GetString());
            Assert.Equal(user, (await Json(await me.GetAsync("/v1/me/consents"))).GetProperty("userId").GetString());
        }
    }

    [Theory]
    [InlineData("/v1/gate/decide", """{"appId":"wxctl","userId":"u\u0000x","target":"wx.getLocation"}""", "`userId` must not contain control characters (U+0000 at position 1)")]
    [InlineData("/v1/gate/decide", """{"appId":"wxctl","userId":"u","target":"wx.getLocation\u007f"}""", "`target` must not contain control characters (U+007F at position 14)")]
    [InlineData("/v1/gate/decide", """{"appId":"wx\u0001ctl","userId":"u","target":"wx.getLocation"}""", "`appId` must be 1 to 64 letters, digits, `_` or `-`")]
    [InlineData("/v1/gate/decide-batch", """{"requests":[{"appId":"wxctl","userId":"u","target":"x"},{"appId":"wxctl","userId":"\u0085","target":"x"}]}""", "requests[1]: `userId` must not contain control characters (U+0085 at position 0)")]
    [InlineData("/v1/gate/answers", """{"appId":"wxctl","userId":"u\nv","kind":"scope","scope":"scope.userLocation","granted":true}""", "`userId` must not contain control characters (U+000A at position 1)")]
    [InlineData("/v1/gate/answers", """{"appId":"wxctl","userId":"u","kind":"declaration","keys":["Album\t"],"granted":true}""", "`keys[0]` must not contain control characters (U+0009 at position 5)")]
    [InlineData("/v1/gate/answers", """{"appId":"wxctl","userId":"u","kind":"scope","scope":"scope.\u001b","granted":true}""", "`scope` must not contain control characters (U+001B at position 6)")]
    [InlineData("/v1/users/u%01x/token", "{}", "`userId` must not contain control characters (U+0001 at position 1)")]
    [InlineData("/v1/users/u%0Ax/consents/wxctl/withdraw", """{"keys":["Album"]}""", "`userId` must not contain control characters (U+000A at position 1)")]
    [InlineData("/v1/users/u/consents/wxctl/withdraw", """{"keys":["Al\u0000bum"]}""", "`keys[0]` must not contain control characters (U+0000 at position 2)")]
    [InlineData("/v1/gate/decide", """{"appId":"bad id!","userId":"u","target":"wx.getLocation"}""", "`appId` must be 1 to 64 letters, digits, `_` or `-`")]
    [InlineData("/v1/gate/decide-batch", """{"requests":[{"appId":"bad id!","userId":"u","target":"wx.getLocation"}]}""", "requests[0]: `appId` must be 1 to 64 letters, digits, `_` or `-`")]
    [InlineData("/v1/gate/answers", """{"appId":"bad id!","userId":"u","kind":"scope","scope":"scope.userLocation","granted":true}""", "`appId` must be 1 to 64 letters, digits, `_` or `-`")]
    [InlineData("/v1/users/u/consents/bad%20id!/withdraw", """{"keys":["Album"]}""", "`appId` must be 1 to 64 letters, digits, `_` or `-`")]
    public async Task Malformed_ids_keys_and_targets_are_400_naming_the_field(string path, string body, string detail)
    {
        using var host = fixture.Client(await fixture.KeyFor("Host"));
        var response = await host.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertProblem(response, HttpStatusCode.BadRequest, "urn:ntk:problem:bad-request", detail);
    }

    [Fact]
    public async Task Control_characters_in_a_user_id_are_refused_on_reads_and_app_removal_too()
    {
        using var host = fixture.Client(await fixture.KeyFor("Host"));
        await AssertProblem(await host.GetAsync("/v1/users/u%1Fv/consents"), HttpStatusCode.BadRequest, "urn:ntk:problem:bad-request", "`userId` must not contain control characters (U+001F at position 1)");
        await AssertProblem(await host.DeleteAsync("/v1/users/u%7F/apps/wxctl"), HttpStatusCode.BadRequest, "urn:ntk:problem:bad-request", "`userId` must not contain control characters (U+007F at position 1)");

        // %00 in a path never reaches the application: Kestrel refuses the request line itself (400, no body).
        Assert.Equal(HttpStatusCode.BadRequest, (await host.GetAsync("/v1/users/u%00/consents")).StatusCode);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z")]
    [InlineData("1900-06-01T12:00:00+08:00", "1900-06-01T04:00:00Z")]
    [InlineData("1999-12-31T23:59:59Z", "1999-12-31T23:59:59Z")]
    [InlineData("2999-01-01T00:00:00Z", "2999-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z")]
    public async Task A_time_before_2000_or_ahead_of_the_server_clock_is_400_naming_the_range(string sent, string shown)
    {
        using var host = fixture.Client(await fixture.KeyFor("Host"));
        var detail = "`time` must be from 2000-01-01T00:00:00Z to 5 minutes after the server's clock (its `Date` header), or left out for now; it was " + shown;
        await AssertProblem(await host.PostAsync("/v1/gate/decide", new StringContent("""{"appId":"wxtime","userId":"u","target":"wx.getLocation","time":"%"}""".Replace("%", sent, StringComparison.Ordinal), Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "urn:ntk:problem:bad-request", detail);
        await AssertProblem(await host.PostAsJsonAsync("/v1/gate/decide-batch", new { requests = new[] { new { appId = "wxtime", userId = "u", target = "wx.getLocation", time = DateTimeOffset.Parse(sent, System.Globalization.CultureInfo.InvariantCulture) } } }), HttpStatusCode.BadRequest, "urn:ntk:problem:bad-request", "requests[0]: " + detail);
        await AssertProblem(await host.PostAsJsonAsync("/v1/gate/answers", new { appId = "wxtime", userId = "u", kind = "scope", scope = "scope.userLocation", granted = false, time = DateTimeOffset.Parse(sent, System.Globalization.CultureInfo.InvariantCulture) }), HttpStatusCode.BadRequest, "urn:ntk:problem:bad-request", detail);
    }

    [Fact]
    public async Task A_future_time_cannot_skip_the_refusal_cooldown_but_a_small_skew_is_accepted()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        await ExampleApp.RegisterLiveAsync(op, "wxtime02");
        using var host = fixture.Client(await fixture.KeyFor("Host"));
        (await host.PostAsJsonAsync("/v1/gate/answers", new { appId = "wxtime02", userId = "u", kind = "declaration", keys = new[] { "Album" }, granted = false })).EnsureSuccessStatusCode();

        var later = DateTimeOffset.UtcNow.AddHours(49);
        var skipped = await host.PostAsJsonAsync("/v1/gate/decide", new { appId = "wxtime02", userId = "u", target = "wx.chooseImage", userGesture = true, time = later });
        Assert.Equal(HttpStatusCode.BadRequest, skipped.StatusCode);

        var skewed = await host.PostAsJsonAsync("/v1/gate/decide", new { appId = "wxtime02", userId = "u", target = "wx.chooseImage", userGesture = true, time = DateTimeOffset.UtcNow.AddMinutes(4) });
        Assert.Equal(HttpStatusCode.OK, skewed.StatusCode);
        Assert.Equal("deny", (await Json(skewed)).GetProperty("kind").GetString());
    }

    private async Task AssertNothingWritten(HttpClient host, string user)
    {
        var consents = await Json(await host.GetAsync("/v1/users/" + user + "/consents"));
        Assert.Equal(0, consents.GetProperty("apps").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"appId":"wxanswer01","userId":"%","kind":"declaration","keys":["Album"],"granted":true,"method":"Popup"}""", 400, "bad-request", "`method` of a `declaration` answer must be `PrivacyPopup`, `SeparatePopup` or `Api` (any case; default `PrivacyPopup`)")]
    [InlineData("""{"appId":"wxanswer01","userId":"%","kind":"scope","scope":"scope.userLocation","granted":true,"method":"PrivacyPopup"}""", 400, "bad-request", "`method` of a `scope` answer must be `ScopePopup`, `SeparatePopup` or `Api` (any case; default `ScopePopup`)")]
    [InlineData("""{"appId":"wxanswer01","userId":"%","kind":"settings","scope":"scope.userLocation","granted":true,"method":"1"}""", 400, "bad-request", "`method` of a `settings` answer must be `Settings` (any case; default `Settings`)")]
    [InlineData("""{"appId":"wxanswer01","userId":"%","kind":"Declaration","granted":true}""", 400, "bad-request", "`kind` must be `declaration`, `scope` or `settings`")]
    [InlineData("""{"appId":"wxnosuchapp","userId":"%","kind":"scope","scope":"scope.userLocation","granted":true}""", 404, "not-found", "no app `wxnosuchapp`")]
    [InlineData("""{"appId":"wxnosuchapp","userId":"%","kind":"declaration","keys":["Album"],"granted":true}""", 404, "not-found", "no app `wxnosuchapp`")]
    [InlineData("""{"appId":"wxanswer01","userId":"%","kind":"scope","scope":"scope.userLocatoin","granted":true}""", 400, "bad-request", "`scope` `scope.userLocatoin` is not a scope of the catalog; did you mean `scope.userLocation`?")]
    [InlineData("""{"appId":"wxanswer01","userId":"%","kind":"settings","granted":true}""", 400, "bad-request", "a `settings` answer needs `scope`")]
    [InlineData("""{"appId":"wxanswer01","userId":"%","kind":"declaration","keys":["NoSuchKey"],"granted":true}""", 400, "bad-request", "privacy key `NoSuchKey` is not in the live declaration of `wxanswer01`")]
    [InlineData("""{"appId":"wxanswer01","userId":"%","kind":"declaration","keys":["Album","Album"],"granted":true}""", 400, "bad-request", "privacy key `Album` is named twice in `keys`")]
    public async Task A_bad_answer_is_refused_and_writes_nothing(string body, int status, string type, string detail)
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        if ((await op.GetAsync("/v1/apps/wxanswer01")).StatusCode == HttpStatusCode.NotFound)
        {
            await ExampleApp.RegisterLiveAsync(op, "wxanswer01");
        }

        using var host = fixture.Client(await fixture.KeyFor("Host"));
        var user = "answer-" + Guid.NewGuid().ToString("N");
        var response = await host.PostAsync("/v1/gate/answers", new StringContent(body.Replace("%", user, StringComparison.Ordinal), Encoding.UTF8, "application/json"));
        await AssertProblem(response, (HttpStatusCode)status, "urn:ntk:problem:" + type, detail);
        await AssertNothingWritten(host, user);
    }

    [Fact]
    public async Task A_declaration_answer_without_keys_is_the_whole_popup_and_the_method_is_read_in_any_case()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        await ExampleApp.RegisterLiveAsync(op, "wxanswer02");
        using var host = fixture.Client(await fixture.KeyFor("Host"));
        var all = await Json(await host.PostAsJsonAsync("/v1/gate/answers", new { appId = "wxanswer02", userId = "u1", kind = "declaration", keys = Array.Empty<string>(), granted = true }));
        var keys = all.GetProperty("keys").EnumerateArray().ToList();
        Assert.True(keys.Count > 1);
        Assert.All(keys, k => Assert.Equal("granted", k.GetProperty("status").GetString()));

        var separate = await Json(await host.PostAsJsonAsync("/v1/gate/answers", new { appId = "wxanswer02", userId = "u2", kind = "declaration", keys = new[] { "Album" }, granted = true, method = "separatepopup" }));
        var album = Assert.Single(separate.GetProperty("keys").EnumerateArray());
        Assert.True(album.GetProperty("separate").GetBoolean());
    }

    [Theory]
    [InlineData("wxwithdraw1", "{}", 400, "bad-request", "`keys` is required: the privacy keys to withdraw, or `[]` for every item of the app")]
    [InlineData("wxwithdraw1", "", 400, "bad-request", "`keys` is required: the privacy keys to withdraw, or `[]` for every item of the app")]
    [InlineData("wxwithdraw1", """{"keys":["Albun"]}""", 400, "bad-request", "`keys[0]` `Albun` is not a privacy key of the catalog; did you mean `Album`?")]
    [InlineData("wxwithdraw1", """{"keys":["Album","Album"]}""", 400, "bad-request", "privacy key `Album` is named twice in `keys`")]
    [InlineData("wxnosuchapp", """{"keys":["Album"]}""", 404, "not-found", "no app `wxnosuchapp`")]
    public async Task A_bad_withdrawal_is_refused_and_writes_nothing(string appId, string body, int status, string type, string detail)
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        if ((await op.GetAsync("/v1/apps/wxwithdraw1")).StatusCode == HttpStatusCode.NotFound)
        {
            await ExampleApp.RegisterLiveAsync(op, "wxwithdraw1");
        }

        using var host = fixture.Client(await fixture.KeyFor("Host"));
        var user = "withdraw-" + Guid.NewGuid().ToString("N");
        var response = await host.PostAsync("/v1/users/" + user + "/consents/" + appId + "/withdraw", new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertProblem(response, (HttpStatusCode)status, "urn:ntk:problem:" + type, detail);
        await AssertNothingWritten(host, user);
    }

    [Fact]
    public async Task Withdrawing_no_keys_withdraws_every_item_and_removing_an_unknown_app_is_404()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        await ExampleApp.RegisterLiveAsync(op, "wxwithdraw2");
        using var host = fixture.Client(await fixture.KeyFor("Host"));
        (await host.PostAsJsonAsync("/v1/gate/answers", new { appId = "wxwithdraw2", userId = "u1", kind = "declaration", granted = true })).EnsureSuccessStatusCode();
        var withdrawn = await Json(await host.PostAsJsonAsync("/v1/users/u1/consents/wxwithdraw2/withdraw", new { keys = Array.Empty<string>() }));
        Assert.All(withdrawn.GetProperty("keys").EnumerateArray(), k => Assert.Equal("withdrawn", k.GetProperty("status").GetString()));

        await AssertProblem(await host.DeleteAsync("/v1/users/u1/apps/wxnosuchapp"), HttpStatusCode.NotFound, "urn:ntk:problem:not-found", "no app `wxnosuchapp`");
        Assert.Equal(HttpStatusCode.OK, (await host.DeleteAsync("/v1/users/u1/apps/wxwithdraw2")).StatusCode);
    }

    [Fact]
    public async Task A_target_outside_the_catalog_is_denied_and_counted_under_the_custom_key_label()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        await ExampleApp.RegisterLiveAsync(op, "wxcustom01");
        using var host = fixture.Client(await fixture.KeyFor("Host"));
        var target = "wx.noSuchApi" + Guid.NewGuid().ToString("N");
        var decision = await Json(await host.PostAsJsonAsync("/v1/gate/decide", new { appId = "wxcustom01", userId = "u1", target, userGesture = true }));
        Assert.Equal("deny", decision.GetProperty("kind").GetString());
        Assert.Equal(112, decision.GetProperty("reason").GetInt32());
        var batch = await host.PostAsJsonAsync("/v1/gate/decide-batch", new { requests = new[] { new { appId = "wxcustom01", userId = "u1", target = target + "b", userGesture = true } } });
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);

        using var anon = fixture.Client();
        var metrics = await anon.GetStringAsync("/metrics");
        var interceptions = metrics.Split('\n').Where(l => l.StartsWith("ntk_gate_interceptions_total{", StringComparison.Ordinal)).ToList();
        Assert.Contains(interceptions, l => l.Contains("key=\"custom\"", StringComparison.Ordinal) && l.Contains("reason=\"112\"", StringComparison.Ordinal));
        Assert.DoesNotContain(target, metrics, StringComparison.Ordinal);
    }
}
