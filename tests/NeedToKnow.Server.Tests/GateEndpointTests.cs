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
}
