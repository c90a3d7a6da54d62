using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace NeedToKnow.Server.Tests;

/// <summary>Every error is an RFC 9457 problem with an NTK type and a one-line detail, the framework's own ones too.</summary>
public class ProblemTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string kind, string detail)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, response.StatusCode + ": " + body);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("urn:ntk:problem:" + kind, problem.GetProperty("type").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("\n", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_or_unknown_key_is_a_401_problem_saying_which()
    {
        using var anonymous = fixture.Client();
        var none = await anonymous.GetAsync("/v1/keys");
        await AssertProblem(none, HttpStatusCode.Unauthorized, "unauthorized", "this endpoint needs an API key or a user token (`Authorization: Bearer KEY`)");
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.ToString());

        using var unknown = fixture.Client("ntk_operator_not_a_real_key_000000000000");
        await AssertProblem(await unknown.GetAsync("/v1/keys"), HttpStatusCode.Unauthorized, "unauthorized", "the api key is unknown or revoked");
        using var expired = fixture.Client("ntku_abc");
        await AssertProblem(await expired.GetAsync("/v1/me/consents"), HttpStatusCode.Unauthorized, "unauthorized", "the user token is invalid or expired");
    }

    [Fact]
    public async Task A_role_refused_by_policy_is_a_403_problem_naming_the_roles()
    {
        using var auditor = fixture.Client(await fixture.KeyFor("Auditor"));
        await AssertProblem(
            await auditor.PostAsJsonAsync("/v1/gate/decide", new { appId = "a", userId = "u", target = "wx.getLocation" }),
            HttpStatusCode.Forbidden,
            "forbidden",
            "`POST /v1/gate/decide` is for the operator or host role; this key's role is auditor");
    }

    [Fact]
    public async Task An_unknown_route_is_404_and_a_wrong_method_405_as_problems()
    {
        using var host = fixture.Client(await fixture.KeyFor("Host"));
        await AssertProblem(await host.GetAsync("/v1/nope"), HttpStatusCode.NotFound, "not-found", "no endpoint at `GET /v1/nope`; the API is described at /openapi/v1.json");
        var wrong = await host.GetAsync("/v1/gate/decide");
        await AssertProblem(wrong, HttpStatusCode.MethodNotAllowed, "method-not-allowed", "`GET` is not allowed on `/v1/gate/decide`; allowed: `POST`");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_naming_the_limit_and_not_json_is_415()
    {
        using var host = fixture.Client(await fixture.KeyFor("Host"));
        var big = "{\"appId\":\"a\",\"userId\":\"u\",\"target\":\"" + new string('a', 100 * 1024) + "\"}";
        await AssertProblem(
            await host.PostAsync("/v1/gate/decide", new StringContent(big, Encoding.UTF8, "application/json")),
            HttpStatusCode.RequestEntityTooLarge,
            "too-large",
            "the request body is over this endpoint's limit of 65,536 bytes");
        await AssertProblem(
            await host.PostAsync("/v1/gate/decide-batch", new StringContent("requests=1", Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType,
            "unsupported-media-type",
            "the body must be `application/json`");
    }

    [Fact]
    public async Task The_batch_body_limit_is_its_own_option_and_named_in_the_413()
    {
        // A server of its own with a small batch limit, so that the refused body is small enough to be sent in full (a
        // body of several MiB is cut off by the server's answer while the client still writes).
        var folder = Directory.CreateTempSubdirectory("ntk-server-tests-").FullName;
        try
        {
            await using (var server = await Hosting.NtkServer.CreateAsync(fixture.Options(Path.Combine(folder, "ntk.db")) with { MaxBatchBodyBytes = 128 * 1024 }))
            {
                await server.StartAsync();
                using var op = new HttpClient { BaseAddress = new Uri(server.Addresses[0].Replace("[::]", "127.0.0.1", StringComparison.Ordinal)) };
                op.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ServerFixture.OperatorKey);
                var request = "{\"appId\":\"a\",\"userId\":\"u\",\"target\":\"wx.getLocation\"}";
                var fits = "{\"requests\":[" + string.Join(",", Enumerable.Repeat(request, 2_000)) + "]}";
                Assert.True(fits.Length > 64 * 1024);
                Assert.Equal(HttpStatusCode.OK, (await op.PostAsync("/v1/gate/decide-batch", new StringContent(fits, Encoding.UTF8, "application/json"))).StatusCode);
                var over = "{\"requests\":[" + string.Join(",", Enumerable.Repeat(request, 3_000)) + "]}";
                await AssertProblem(
                    await op.PostAsync("/v1/gate/decide-batch", new StringContent(over, Encoding.UTF8, "application/json")),
                    HttpStatusCode.RequestEntityTooLarge,
                    "too-large",
                    "the request body is over this endpoint's limit of 131,072 bytes");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Query_binding_errors_name_the_parameter_not_dotnet_types()
    {
        using var auditor = fixture.Client(await fixture.KeyFor("Auditor"));
        await AssertProblem(await auditor.GetAsync("/v1/dashboard?since=yesterday"), HttpStatusCode.BadRequest, "bad-request", "`since` must be an ISO 8601 date or time");
        await AssertProblem(await auditor.GetAsync("/v1/audit/proof/inclusion"), HttpStatusCode.BadRequest, "bad-request", "`index` is required (an integer)");
        await AssertProblem(await auditor.GetAsync("/v1/audit/proof/consistency?first=1&second=two"), HttpStatusCode.BadRequest, "bad-request", "`second` must be an integer");
    }

    [Fact]
    public async Task The_openapi_document_lists_the_problems_of_the_gate_and_consent_endpoints()
    {
        using var anonymous = fixture.Client();
        var paths = (await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");
        var answers = paths.GetProperty("/v1/gate/answers").GetProperty("post").GetProperty("responses");
        Assert.Equal(["200", "400", "401", "403", "404", "413", "415"], answers.EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.True(paths.GetProperty("/v1/gate/decide-batch").GetProperty("post").GetProperty("responses").TryGetProperty("413", out _));
        Assert.True(paths.GetProperty("/v1/users/{userId}/consents/{appId}/withdraw").GetProperty("post").GetProperty("responses").TryGetProperty("404", out _));
    }
}
