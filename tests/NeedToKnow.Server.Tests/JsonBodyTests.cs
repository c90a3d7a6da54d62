using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace NeedToKnow.Server.Tests;

/// <summary>Ambiguous or abusive JSON bodies are refused with a message that says what is wrong.</summary>
public class JsonBodyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private async Task<string> DetailAsync(string path, string json)
    {
        using var host = fixture.Client(await fixture.KeyFor("Host"));
        var response = await host.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
    }

    [Fact]
    public async Task A_property_given_twice_is_refused_not_silently_overwritten()
    {
        Assert.Equal("`appId` appears twice in the body", await DetailAsync("/v1/gate/decide", """{"appId":"wxa","appId":"wxb","userId":"u","target":"wx.getLocation"}"""));
        Assert.StartsWith("the request body has the same property twice", await DetailAsync("/v1/gate/answers", """{"appId":"wxa","userId":"u","kind":"declaration","granted":true,"granted":false}"""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deep_nesting_is_named_as_such()
    {
        var deep = new string('[', 40) + new string(']', 40);
        Assert.StartsWith("the body nests objects or arrays too deeply", await DetailAsync("/v1/gate/decide", "{\"appId\":\"wxa\",\"x\":" + deep + "}"), StringComparison.Ordinal);
        var deeper = new string('[', 80) + new string(']', 80);
        Assert.StartsWith("the request body nests objects or arrays too deeply", await DetailAsync("/v1/gate/answers", "{\"appId\":\"wxa\",\"x\":" + deeper + "}"), StringComparison.Ordinal);
    }
}
