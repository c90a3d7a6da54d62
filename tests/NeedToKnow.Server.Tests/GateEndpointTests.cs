using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NeedToKnow.Server.Tests;

public class GateEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Single_and_batch_decisions_have_the_documented_shape()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        await ExampleApp.RegisterLiveAsync(op, "wxgate0001");
        using var host = fixture.Client(await fixture.KeyFor("Host"));

        var prompt = await (await host.PostAsJsonAsync("/v1/gate/decide", new { appId = "wxgate0001", userId = "u1", target = "wx.chooseImage", userGesture = true })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("prompt", prompt.GetProperty("kind").GetString());
        Assert.Equal(16, prompt.GetProperty("decisionId").GetString()!.Length);
        Assert.Equal("Album", prompt.GetProperty("key").GetString());
        Assert.Equal(1, prompt.GetProperty("declarationVersion").GetInt32());
        Assert.Equal("Album", prompt.GetProperty("prompt").GetProperty("key").GetString());
        Assert.Equal("Corner Shop Trading Co., Ltd.", prompt.GetProperty("prompt").GetProperty("developer").GetString());
        Assert.Equal(JsonValueKind.Null, prompt.GetProperty("error").ValueKind);

        var response = await host.PostAsJsonAsync("/v1/gate/decide-batch", new
        {
            requests = new object[]
            {
                new { appId = "wxgate0001", userId = "u2", target = "wx.getClipboardData", userGesture = true },
                new { appId = "wxnotlive", userId = "u2", target = "wx.getLocation", userGesture = true },
            },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var decisions = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decisions");
        Assert.Equal(2, decisions.GetArrayLength());
        Assert.Equal("deny", decisions[0].GetProperty("kind").GetString());
        Assert.Equal(112, decisions[0].GetProperty("reason").GetInt32());
        Assert.Equal(JsonValueKind.Null, decisions[0].GetProperty("prompt").ValueKind);
        Assert.Equal("deny", decisions[1].GetProperty("kind").GetString());
        Assert.Equal(1025, decisions[1].GetProperty("reason").GetInt32());
    }

    [Fact]
    public async Task A_batch_with_a_bad_request_is_400_naming_it()
    {
        using var host = fixture.Client(await fixture.KeyFor("Host"));
        var response = await host.PostAsJsonAsync("/v1/gate/decide-batch", new { requests = new object[] { new { appId = "a", userId = "u", target = "wx.getLocation" }, new { appId = "a", target = "x" } } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("requests[1]: `userId` is required (at most 128 characters)", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_single_decision_body_is_read_as_the_web_defaults_read_it()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        await ExampleApp.RegisterLiveAsync(op, "wxgate0002");
        using var host = fixture.Client(await fixture.KeyFor("Host"));

        // Other casings, escaped names, unknown properties, a null time: all as model binding read them.
        var body = """{"AppId":"wxgate0002","extra":{"a":[1,2]},"user\u0049d":"u1","TARGET":"wx.getClipboardData","userGesture":false,"time":null}""";
        var response = await host.PostAsync("/v1/gate/decide", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var decision = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("deny", decision.GetProperty("kind").GetString());
        Assert.Equal(112, decision.GetProperty("reason").GetInt32());
    }

    [Theory]
    [InlineData("""{"appId":"a","userId":"u","target":"x""", "the body is not valid JSON")]
    [InlineData("""[1]""", "the body must be a JSON object")]
    [InlineData("""{"appId":1,"userId":"u","target":"x"}""", "`appId` must be a string")]
    [InlineData("""{"appId":"a","userId":"u","target":"x","userGesture":"yes"}""", "`userGesture` must be true or false")]
    [InlineData("""{"appId":"a","userId":"u","target":"x","time":"soon"}""", "`time` must be an ISO 8601 date and time")]
    [InlineData("""{"appId":"a","target":"x"}""", "`userId` is required (at most 128 characters)")]
    public async Task A_bad_single_decision_body_is_400_saying_what(string body, string detail)
    {
        using var host = fixture.Client(await fixture.KeyFor("Host"));
        var response = await host.PostAsync("/v1/gate/decide", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(detail, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_decision_over_the_json_limit_is_413_and_not_json_is_415()
    {
        using var host = fixture.Client(await fixture.KeyFor("Host"));
        var big = "{\"appId\":\"a\",\"userId\":\"u\",\"target\":\"" + new string('a', 100 * 1024) + "\"}";
        var tooBig = await host.PostAsync("/v1/gate/decide", new StringContent(big, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        var text = await host.PostAsync("/v1/gate/decide", new StringContent("appId=a", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
    }

    [Fact]
    public async Task Single_decisions_are_refused_to_developer_and_auditor_keys()
    {
        foreach (var role in new[] { "Auditor", "Developer" })
        {
            using var client = fixture.Client(await fixture.KeyFor(role, role == "Developer" ? "dev-gate" : null));
            var response = await client.PostAsJsonAsync("/v1/gate/decide", new { appId = "a", userId = "u", target = "wx.getLocation" });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        using var anonymous = fixture.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/v1/gate/decide", new { appId = "a", userId = "u", target = "wx.getLocation" })).StatusCode);
    }

    [Fact]
    public async Task A_batch_of_10000_realistic_requests_fits_the_batch_body_limit()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        await ExampleApp.RegisterLiveAsync(op, "wx1234567890abcdef01");
        using var host = fixture.Client(await fixture.KeyFor("Host"));
        var now = DateTimeOffset.UtcNow;
        var requests = Enumerable.Range(0, 10_000).Select(i => new
        {
            appId = "wx1234567890abcdef01",
            userId = "user-" + i.ToString("D16", System.Globalization.CultureInfo.InvariantCulture),
            target = i % 2 == 0 ? "wx.chooseImage" : "wx.getLocation",
            userGesture = true,
            time = now,
        }).ToArray();
        var body = JsonSerializer.Serialize(new { requests }, JsonSerializerOptions.Web);
        Assert.True(body.Length > 1 << 20, body.Length + " bytes");
        var response = await host.PostAsync("/v1/gate/decide-batch", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(10_000, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decisions").GetArrayLength());
    }
}
