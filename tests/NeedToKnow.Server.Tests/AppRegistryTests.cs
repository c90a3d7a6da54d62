using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NeedToKnow.Server.Tests;

public class AppRegistryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private async Task Register(string appId, string developerId)
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        var response = await op.PostAsJsonAsync("/v1/apps", new
        {
            appId,
            developerId,
            developer = new { name = "Dev " + developerId, entityType = "organisation", verified = true },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_developer_key_sees_only_its_own_apps()
    {
        await Register("wxownA", "dev-own-a");
        await Register("wxownB", "dev-own-b");
        using var a = fixture.Client(await fixture.KeyFor("Developer", "dev-own-a"));

        var own = await a.GetFromJsonAsync<JsonElement>("/v1/apps/wxownA");
        Assert.Equal("dev-own-a", own.GetProperty("developerId").GetString());
        var other = await a.GetAsync("/v1/apps/wxownB");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        var list = await a.GetFromJsonAsync<JsonElement>("/v1/apps");
        Assert.Equal(new[] { "wxownA" }, list.EnumerateArray().Select(e => e.GetProperty("appId").GetString()!).ToArray());
    }

    [Theory]
    [InlineData("Developer")]
    [InlineData("Host")]
    [InlineData("Auditor")]
    public async Task Only_the_operator_registers_apps_and_enforces(string role)
    {
        await Register("wxenf" + role, "dev-enf");
        using var client = fixture.Client(await fixture.KeyFor(role, role == "Developer" ? "dev-enf" : null));
        var register = await client.PostAsJsonAsync("/v1/apps", new { appId = "wxx" + role, developerId = "d", developer = new { name = "n", entityType = "individual" } });
        Assert.Equal(HttpStatusCode.Forbidden, register.StatusCode);
        var ban = await client.PostAsJsonAsync("/v1/apps/wxenf" + role + "/enforcement", new { action = "ban" });
        Assert.Equal(HttpStatusCode.Forbidden, ban.StatusCode);
    }

    [Fact]
    public async Task An_app_cannot_change_owner()
    {
        await Register("wxowned", "dev-first");
        using var op = fixture.Client(ServerFixture.OperatorKey);
        var again = await op.PostAsJsonAsync("/v1/apps", new { appId = "wxowned", developerId = "dev-second", developer = new { name = "x", entityType = "individual" } });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Bad_registration_says_what_and_suggests()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        var response = await op.PostAsJsonAsync("/v1/apps", new { appId = "wxbad", developerId = "d", developer = new { name = "n", entityType = "organization" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unknown `developer.entityType` `organization`", problem.GetProperty("detail").GetString());
        Assert.Equal("did you mean `organisation`?", problem.GetProperty("help").GetString());

        var badId = await op.PostAsJsonAsync("/v1/apps", new { appId = "../etc", developerId = "d", developer = new { name = "n", entityType = "individual" } });
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
    }

    [Fact]
    public async Task The_operator_bans_and_lifts_a_ban()
    {
        await Register("wxban", "dev-ban");
        using var op = fixture.Client(ServerFixture.OperatorKey);
        var banned = await (await op.PostAsJsonAsync("/v1/apps/wxban/enforcement", new { action = "ban", keys = new[] { "Location" } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(new[] { "Location" }, banned.GetProperty("bannedKeys").EnumerateArray().Select(e => e.GetString()!).ToArray());
        var whole = await (await op.PostAsJsonAsync("/v1/apps/wxban/enforcement", new { action = "ban" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Banned", whole.GetProperty("status").GetString());
        var lifted = await (await op.PostAsJsonAsync("/v1/apps/wxban/enforcement", new { action = "unban" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Offline", lifted.GetProperty("status").GetString());
        Assert.Equal(0, lifted.GetProperty("bannedKeys").GetArrayLength());
    }
}
