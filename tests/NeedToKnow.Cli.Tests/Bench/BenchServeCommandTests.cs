using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace NeedToKnow.Cli.Tests.Bench;

/// <summary><c>ntk bench serve</c> sends on schedule over keep-alive connections and reports percentiles.</summary>
public sealed class BenchServeCommandTests
{
    [Fact]
    public async Task BenchServe_SendsTheScheduledRequests_OverKeepAlive_AndReportsPercentiles()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var seen = 0;
        var accepted = 0;
        using var stop = new CancellationTokenSource();
        var serving = Task.Run(async () =>
        {
            var connections = new List<Task>();
            while (!stop.IsCancellationRequested)
            {
                Socket socket;
                try
                {
                    socket = await listener.AcceptSocketAsync(stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                Interlocked.Increment(ref accepted);
                connections.Add(Task.Run(async () =>
                {
                    using var s = socket;
                    var buffer = new byte[8192];
                    var pending = new StringBuilder();
                    var response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n{\"kind\":\"allow\"}\n"u8.ToArray();
                    while (true)
                    {
                        var n = await s.ReceiveAsync(buffer, SocketFlags.None);
                        if (n == 0)
                        {
                            return;
                        }

                        pending.Append(Encoding.ASCII.GetString(buffer, 0, n));
                        // Each request here ends with its JSON body's closing brace.
                        while (pending.ToString().IndexOf("true}", StringComparison.Ordinal) is var end and >= 0)
                        {
                            pending.Remove(0, end + 5);
                            Interlocked.Increment(ref seen);
                            await s.SendAsync(response, SocketFlags.None);
                        }
                    }
                }));
            }
        });

        var (exit, stdout, stderr) = CliRunner.Run("bench", "serve", "--server", "http://127.0.0.1:" + port, "--key", "k", "--rate", "400",
            "--connections", "4", "--duration", "1", "--warmup", "0", "--format", "json");
        await stop.CancelAsync();
        listener.Stop();

        Assert.True(exit == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(400, root.GetProperty("requests").GetInt64());
        Assert.Equal(400, seen);
        Assert.Equal(4, accepted); // keep-alive: one connection each
        Assert.Equal(0, root.GetProperty("errors").GetInt64());
        Assert.True(root.GetProperty("p50Ms").GetDouble() > 0);
        Assert.True(root.GetProperty("p99Ms").GetDouble() >= root.GetProperty("p50Ms").GetDouble());
        Assert.True(root.GetProperty("p999Ms").GetDouble() >= root.GetProperty("p99Ms").GetDouble());
    }

    [Fact]
    public void BenchServe_ZeroRate_IsAClearError()
    {
        var (exit, _, stderr) = CliRunner.Run("bench", "serve", "--key", "k", "--rate", "0");
        Assert.NotEqual(0, exit);
        Assert.Contains("`--rate`", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchServe_NoServer_IsAClearError()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var (exit, _, stderr) = CliRunner.Run("bench", "serve", "--server", "http://127.0.0.1:" + port, "--key", "k", "--rate", "10", "--duration", "1", "--warmup", "0");
        Assert.NotEqual(0, exit);
        Assert.Contains("failed", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
