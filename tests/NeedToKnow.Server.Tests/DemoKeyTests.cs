using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NeedToKnow.Server.Hosting;

namespace NeedToKnow.Server.Tests;

public sealed class DemoKeyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ntk-demo-keys-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Restarting_the_demo_revokes_the_previous_demo_key_instead_of_piling_them_up()
    {
        var options = new ServerOptions { Urls = "http://127.0.0.1:0", Db = Path.Combine(_folder, "ntk.db"), Demo = true };
        string? key = null;
        for (var start = 0; start < 4; start++)
        {
            await using var server = await NtkServer.CreateAsync(options);
            key = server.GeneratedOperatorKey;
            Assert.NotNull(key);
        }

        await using (var server = await NtkServer.CreateAsync(options))
        {
            await server.StartAsync();
            using var client = new HttpClient { BaseAddress = new Uri(server.Addresses[0].Replace("[::]", "127.0.0.1", StringComparison.Ordinal)) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.GeneratedOperatorKey);
            var keys = await client.GetFromJsonAsync<JsonElement>("/v1/keys");
            var live = keys.EnumerateArray().Where(k => !k.GetProperty("revoked").GetBoolean()).Select(k => k.GetProperty("name").GetString()).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(["operator (made at first start)", "operator (ntk serve --demo)"], live);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await client.GetAsync("/v1/keys")).StatusCode);
        }
    }
}
