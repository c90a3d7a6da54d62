using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace NeedToKnow.Server.Tests;

public class AccessTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Health_openapi_and_metrics_are_served_without_a_key()
    {
        using var anon = fixture.Client();
        Assert.Equal("ok", (await anon.GetFromJsonAsync<JsonElement>("/healthz")).GetProperty("status").GetString());
        var openapi = await anon.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.StartsWith("3.", openapi.GetProperty("openapi").GetString());
        Assert.True(openapi.GetProperty("paths").TryGetProperty("/v1/keys", out var keys));
        var scheme = openapi.GetProperty("components").GetProperty("securitySchemes").GetProperty("ntkKey");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        Assert.True(keys.GetProperty("post").GetProperty("security")[0].TryGetProperty("ntkKey", out _));
        var decide = openapi.GetProperty("components").GetProperty("schemas").GetProperty("DecideRequest");
        Assert.Equal(["appId", "target", "userId"], decide.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
        var metrics = await anon.GetStringAsync("/metrics");
        Assert.Contains("target_info", metrics);
        Assert.Contains("service_name=\"ntk\"", metrics);
        Assert.DoesNotContain("unknown_service", metrics);
        foreach (var name in new[] { "ntk_gate_records_pending", "ntk_gate_records_dropped_total", "ntk_gate_records_rejected_total", "ntk_audit_entries", "ntk_audit_pending" })
        {
            Assert.Contains("\n" + name, metrics, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Decision_time_is_bucketed_in_seconds_from_10_microseconds()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        await ExampleApp.RegisterLiveAsync(op, "wxmetrics01");
        using var host = fixture.Client(await fixture.KeyFor("Host"));
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync("/v1/gate/decide", new { appId = "wxmetrics01", userId = "u1", target = "wx.chooseImage", userGesture = true })).StatusCode);
        using var anon = fixture.Client();
        var metrics = await anon.GetStringAsync("/metrics");
        var buckets = metrics.Split('\n').Where(l => l.StartsWith("ntk_gate_decision_duration_seconds_bucket", StringComparison.Ordinal)).ToList();
        Assert.Contains(buckets, l => l.Contains("le=\"1E-05\"", StringComparison.Ordinal));
        Assert.Contains(buckets, l => l.Contains("le=\"0.001\"", StringComparison.Ordinal));
        Assert.Contains(buckets, l => l.Contains("le=\"+Inf\"", StringComparison.Ordinal));
        Assert.DoesNotContain(buckets, l => l.Contains("le=\"5\"", StringComparison.Ordinal));
        // Every server in this test process listens to every meter of this name, so there may be several series.
        var total = buckets.Where(l => l.Contains("le=\"+Inf\"", StringComparison.Ordinal)).Sum(l => long.Parse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(total >= 1, string.Join("\n", buckets));
    }

    [Fact]
    public async Task No_key_is_401_as_problem_details()
    {
        using var anon = fixture.Client();
        var response = await anon.GetAsync("/v1/keys");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_key_is_401()
    {
        using var client = fixture.Client("ntk_operator_not_a_real_key_000000000000");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/v1/keys")).StatusCode);
    }

    [Theory]
    [InlineData("Developer")]
    [InlineData("Host")]
    [InlineData("Auditor")]
    public async Task Only_the_operator_manages_keys(string role)
    {
        var key = await fixture.KeyFor(role, role == "Developer" ? "dev-a" : null);
        using var client = fixture.Client(key);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/v1/keys")).StatusCode);
        var create = await client.PostAsJsonAsync("/v1/keys", new { role = "Operator" });
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    [Fact]
    public async Task Keys_are_stored_hashed_and_revocable()
    {
        var key = await fixture.KeyFor("Auditor");
        using var op = fixture.Client(ServerFixture.OperatorKey);
        var list = await op.GetStringAsync("/v1/keys");
        Assert.DoesNotContain(key, list);
        var id = "key_" + Auth.ApiKeyStore.Hash(key)[..12];
        Assert.Contains(id, list);
        Assert.Equal(HttpStatusCode.NoContent, (await op.DeleteAsync("/v1/keys/" + id)).StatusCode);
        using var revoked = fixture.Client(key);
        Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.GetAsync("/v1/keys")).StatusCode);
    }

    [Fact]
    public async Task A_developer_key_needs_a_developer_id()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        var response = await op.PostAsJsonAsync("/v1/keys", new { role = "Developer" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("a developer key needs `developerId`", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Malformed_json_is_400_with_a_message_and_no_stack_trace()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        var response = await op.PostAsync("/v1/keys", new StringContent("{\"role\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("not valid json", body);
        Assert.DoesNotContain("   at ", body);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_400_naming_the_place_not_our_types()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        var response = await op.PostAsync("/v1/apps", new StringContent("[1, 2]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.StartsWith("the request body has a value of the wrong type", detail, StringComparison.Ordinal);
        Assert.Contains("(line 1, byte ", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("NeedToKnow.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("RegisterAppRequest", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_json_limit_is_413()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        var big = "{\"role\":\"Auditor\",\"name\":\"" + new string('a', 100 * 1024) + "\"}";
        var response = await op.PostAsync("/v1/keys", new StringContent(big, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_user_token_is_issued_to_the_host_and_refused_when_forged()
    {
        var host = await fixture.KeyFor("Host");
        using var client = fixture.Client(host);
        var issued = await client.PostAsJsonAsync("/v1/users/u-1/token", new { lifetimeSeconds = 60 });
        issued.EnsureSuccessStatusCode();
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        Assert.StartsWith("ntku_", token);

        var tokens = (Auth.UserTokenService)fixture.Server.Services.GetService(typeof(Auth.UserTokenService))!;
        Assert.Equal("u-1", tokens.Validate(token));
        var forged = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        Assert.Null(tokens.Validate(forged));

        // a user token cannot act as a host
        using var asUser = fixture.Client(token);
        Assert.Equal(HttpStatusCode.Forbidden, (await asUser.PostAsJsonAsync("/v1/users/u-2/token", new { })).StatusCode);
    }

    [Fact]
    public async Task The_auditor_reads_any_apps_overview_and_stats_and_a_developer_only_its_own()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        await ExampleApp.RegisterLiveAsync(op, "wxauditor01");
        using var auditor = fixture.Client(await fixture.KeyFor("Auditor"));
        var overview = await auditor.GetAsync("/v1/apps/wxauditor01/overview");
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Equal("wxauditor01", (await overview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("appId").GetString());
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/v1/apps/wxauditor01/stats")).StatusCode);
        var missing = await auditor.GetAsync("/v1/apps/wxnosuchapp/overview");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("no app `wxnosuchapp` is visible to this key", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        // Read-only: the registry and enforcement stay closed to the auditor.
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/v1/apps/wxauditor01")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync("/v1/apps/wxauditor01/enforcement", new { action = "ban" })).StatusCode);

        using var owner = fixture.Client(await fixture.KeyFor("Developer", "dev-example"));
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/v1/apps/wxauditor01/stats")).StatusCode);
        using var other = fixture.Client(await fixture.KeyFor("Developer", "dev-other"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/v1/apps/wxauditor01/overview")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/v1/apps/wxauditor01/stats")).StatusCode);
    }
}
