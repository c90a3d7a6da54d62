using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace NeedToKnow.Server.Tests;

public class LinkEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task A_platform_link_in_chat_opens_in_the_app_with_its_canonical_form()
    {
        using var host = fixture.Client(await fixture.KeyFor("Host"));
        var response = await host.PostAsJsonAsync("/v1/links/decide", new { url = "HTTPS://MP.Weixin.QQ.com/s/abc", context = "chat" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var d = await Json(response);
        Assert.Equal("openInApp", d.GetProperty("decision").GetString());
        Assert.Equal("https://mp.weixin.qq.com/s/abc", d.GetProperty("canonicalUrl").GetString());
        Assert.Equal("qq.com", d.GetProperty("registrableDomain").GetString());
        Assert.Equal("https://mp.weixin.qq.com/s/abc", d.GetProperty("displayForm").GetString());
        Assert.Equal("platform-domain", d.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_script_url_is_blocked()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        var d = await Json(await op.PostAsJsonAsync("/v1/links/decide", new { url = "javascript:alert(1)" }));
        Assert.Equal("block", d.GetProperty("decision").GetString());
        Assert.Equal("script-scheme", d.GetProperty("reason").GetString());
        Assert.Equal("builtin/script-scheme", d.GetProperty("decidedBy").GetString());
    }

    [Fact]
    public async Task A_web_view_opens_only_the_apps_business_domains()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        await ExampleApp.RegisterLiveAsync(op, "wxlinks0001");
        using var host = fixture.Client(await fixture.KeyFor("Host"));
        var inside = await Json(await host.PostAsJsonAsync("/v1/links/decide", new { url = "https://help.cornershop.example.com/faq", context = "webview", appId = "wxlinks0001" }));
        Assert.Equal("openInApp", inside.GetProperty("decision").GetString());
        Assert.Equal("webview-business-domain", inside.GetProperty("reason").GetString());
        var outside = await Json(await host.PostAsJsonAsync("/v1/links/decide", new { url = "https://evil.example.net/", context = "webview", appId = "wxlinks0001" }));
        Assert.Equal("block", outside.GetProperty("decision").GetString());
        Assert.Equal("webview-not-business-domain", outside.GetProperty("reason").GetString());
        Assert.Equal("example.net", outside.GetProperty("registrableDomain").GetString());
    }

    [Fact]
    public async Task Unknown_app_is_404()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        var response = await op.PostAsJsonAsync("/v1/links/decide", new { url = "https://a.example.com/", context = "webview", appId = "wxnosuchapp" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Missing_url_is_400_problem()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        var response = await op.PostAsJsonAsync("/v1/links/decide", new { context = "chat" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("`url` is required (at most 8192 characters)", (await Json(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Unknown_context_is_400_problem()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        var response = await op.PostAsJsonAsync("/v1/links/decide", new { url = "https://a.example.com/", context = "email" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("`context` must be `chat`, `article`, `share` or `webview`, not `email`", (await Json(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Bad_business_domain_is_400_problem()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        var response = await op.PostAsJsonAsync("/v1/links/decide", new { url = "https://a.example.com/", context = "webview", businessDomains = new[] { "https://x.com" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("business domain `https://x.com` is not a domain name", (await Json(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Malformed_json_is_400_problem()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        var response = await op.PostAsync("/v1/links/decide", new StringContent("{\"url\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("Developer")]
    [InlineData("Auditor")]
    public async Task Developers_and_auditors_may_not_decide_links(string role)
    {
        using var client = fixture.Client(await fixture.KeyFor(role, role == "Developer" ? "dev-l" : null));
        var response = await client.PostAsJsonAsync("/v1/links/decide", new { url = "https://a.example.com/" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_has_the_links_endpoint()
    {
        using var anon = fixture.Client();
        var openapi = await anon.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(openapi.GetProperty("paths").TryGetProperty("/v1/links/decide", out var path));
        Assert.True(path.TryGetProperty("post", out _));
    }
}
