using System.Net.Http.Headers;
using System.Net.Http.Json;
using NeedToKnow.Server.Hosting;

namespace NeedToKnow.Server.Tests;

/// <summary>A real server on a free loopback port, with a known operator key, shared by a test class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public const string OperatorKey = "ntk_operator_test_key_0123456789abcdef";

    private NtkServer? _server;

    public Uri BaseAddress { get; private set; } = null!;

    public NtkServer Server => _server!;

    public ServerOptions Options(string dbPath) => new()
    {
        Urls = "http://127.0.0.1:0",
        Db = dbPath,
        OperatorKey = OperatorKey,
        MaxJsonBodyBytes = 64 * 1024,
        UserRateLimitPerSecond = 1000,
    };

    public string Folder { get; } = Directory.CreateTempSubdirectory("ntk-server-tests-").FullName;

    public string DbPath => Path.Combine(Folder, "ntk.db");

    public async Task InitializeAsync()
    {
        _server = await NtkServer.CreateAsync(Options(DbPath));
        await _server.StartAsync();
        BaseAddress = new Uri(_server.Addresses[0].Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(Folder, recursive: true);
    }

    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Makes a key for <paramref name="role"/> through the API, as an operator would.</summary>
    public async Task<string> KeyFor(string role, string? developerId = null)
    {
        using var op = Client(OperatorKey);
        var response = await op.PostAsJsonAsync("/v1/keys", new { role, developerId });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.GetProperty("key").GetString()!;
    }
}
