using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using NeedToKnow.Cli.Commands;
using NeedToKnow.Server.Hosting;

namespace NeedToKnow.Cli.Tests.Serve;

public partial class ServeDemoTests
{
    [GeneratedRegex(@"open (http://127\.0\.0\.1:\d+/dashboard)#key=(\S+)")]
    private static partial Regex DashboardLine();

    [Fact]
    public async Task Demo_registers_the_example_and_decisions_flow_into_the_dashboard()
    {
        var folder = Directory.CreateTempSubdirectory("ntk-demo-test-").FullName;
        var outText = new StringWriter();
        var errText = new StringWriter();
        var stdout = TextWriter.Synchronized(outText);
        var stderr = TextWriter.Synchronized(errText);
        string Read(TextWriter synced, StringWriter inner)
        {
            // The synchronized writer locks on itself (MethodImplOptions.Synchronized).
            lock (synced)
            {
                return inner.ToString();
            }
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var run = Task.Run(() => ServeCommand.RunAsync(new CliOutput(stdout, stderr), new ServerOptions { Urls = "http://127.0.0.1:0", Db = Path.Combine(folder, "ntk.db"), Demo = true }, stop.Token));
        try
        {
            Match line = Match.Empty;
            while (!(line = DashboardLine().Match(Read(stdout, outText))).Success)
            {
                Assert.False(run.IsCompleted, "serve ended: " + Read(stdout, outText) + Read(stderr, errText));
                await Task.Delay(100);
            }

            var dashboard = new Uri(line.Groups[1].Value);
            var key = Uri.UnescapeDataString(line.Groups[2].Value);
            using var http = new HttpClient { BaseAddress = new Uri(dashboard, "/") };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            Assert.Contains("<canvas", await http.GetStringAsync("/dashboard"), StringComparison.Ordinal);

            foreach (var appId in new[] { "wxsim0001", "wxsim0002", "wxsim0003" })
            {
                var app = await http.GetFromJsonAsync<JsonElement>("/v1/apps/" + appId);
                Assert.Equal(1, app.GetProperty("liveVersion").GetInt32());
            }

            // The simulated users' undeclared uses become 112 interceptions within seconds (20 requests/s, 15% undeclared).
            long attempts = 0;
            JsonElement figures = default;
            for (var i = 0; i < 300 && attempts < 3; i++)
            {
                await Task.Delay(100);
                figures = await http.GetFromJsonAsync<JsonElement>("/v1/dashboard");
                attempts = figures.GetProperty("interceptions").GetProperty("attempts").GetInt64();
            }

            Assert.True(attempts >= 3, "no interceptions after 30 s: " + figures);
            Assert.Contains(figures.GetProperty("byReason").EnumerateArray(), r => r.GetProperty("code").GetString() == "112");
            Assert.True(figures.GetProperty("prompts").GetProperty("shown").GetInt64() > 0);
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(0, await run);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_embedded_examples_hold_the_declaration_and_the_program()
    {
        var folder = DemoExamples.Extract();
        try
        {
            Assert.True(File.Exists(Path.Combine(folder, "privacy.json")));
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, "miniprogram"), "*.js", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
