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
}
