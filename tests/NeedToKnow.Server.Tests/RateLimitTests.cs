using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NeedToKnow.Server.Hosting;

namespace NeedToKnow.Server.Tests;

/// <summary>Per-key token buckets: a key over its rate gets 429 problems with Retry-After; another key is not affected.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private const string OperatorKey = "ntk_operator_ratelimit_key_0123456789abcdef";
    private readonly string _folder = Directory.CreateTempSubdirectory("ntk-ratelimit-").FullName;
    private NtkServer? _server;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        _server = await NtkServer.CreateAsync(new ServerOptions
        {
            Urls = "http://127.0.0.1:0",
            Db = Path.Combine(_folder, "ntk.db"),
            OperatorKey = OperatorKey,
            RateLimitPerSecond = 5,
            UserRateLimitPerSecond = 3,
        });
        await _server.StartAsync();
        _base = new Uri(_server.Addresses[0].Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task KeyOverItsRate_Gets429Problem_OtherKeyStillServed()
    {
        using var op = Client(OperatorKey);
        var keyResponse = await op.PostAsync("/v1/keys", new StringContent("""{"role":"host"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, keyResponse.StatusCode);
        var hostKey = JsonDocument.Parse(await keyResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;

        // The operator key has used 1 of its 5; 10 more in a burst: 4 served, then refused.
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 10; i++)
        {
            var response = await op.GetAsync("/v1/keys");
            statuses.Add(response.StatusCode);
            refused ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), 4, 5); // a token may refill during the burst
        Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) >= 5, string.Join(",", statuses));
        Assert.NotNull(refused);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("urn:ntk:problem:rate-limited", problem.GetProperty("type").GetString());

        // Another key has its own bucket.
        using var host = Client(hostKey);
        var decided = await host.PostAsync("/v1/gate/decide", new StringContent("""{"appId":"nope","userId":"u1","target":"wx.getLocation"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
    }

    [Fact]
    public async Task AnonymousCaller_IsLimitedAtTheUserRate()
    {
        using var anonymous = Client(null);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await anonymous.GetAsync("/healthz")).StatusCode);
        }

        Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), 3, 4);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    private HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = _base };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }
}
