using System.CommandLine;
using NeedToKnow.Server.Hosting;

namespace NeedToKnow.Cli.Commands;

/// <summary><c>ntk serve</c>: runs the platform service (HTTP API, dashboard, user pages) until stopped.</summary>
internal static class ServeCommand
{
    public static Command Create(CliOutput output)
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on (port 0 picks a free one)", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var db = new Option<string>("--db") { Description = "Store: a SQLite file path or a PostgreSQL connection string", DefaultValueFactory = _ => "ntk.db" };
        var operatorKey = new Option<string?>("--operator-key") { Description = "The operator's API key (else NTK_OPERATOR_KEY, else one is made and printed once)" };
        var demo = new Option<bool>("--demo") { Description = "Register the examples/ program and simulate traffic, for a live dashboard at once" };
        var examples = new Option<string?>("--examples") { Description = "The examples/ folder for --demo (else found from the working folder, else the copy built into ntk)" };
        var command = new Command("serve", "Run the privacy control plane: HTTP API, gate, audit log, dashboard") { urls, db, operatorKey, demo, examples };
        command.SetAction((parse, cancellation) => RunAsync(
            output,
            new ServerOptions
            {
                Urls = parse.GetValue(urls)!,
                Db = parse.GetValue(db)!,
                OperatorKey = parse.GetValue(operatorKey) ?? NullIfEmpty(Environment.GetEnvironmentVariable("NTK_OPERATOR_KEY")),
                Demo = parse.GetValue(demo),
                ExamplesPath = parse.GetValue(examples),
            },
            cancellation));
        return command;
    }

    internal static async Task<int> RunAsync(CliOutput output, ServerOptions options, CancellationToken cancellation)
    {
        // Check the addresses before anything is created on disk: Kestrel only rejects them once the store is open.
        foreach (var address in options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel's wildcard hosts (http://*:80, http://+:80) are not URI hosts; check the rest of the address.
            var checkable = address.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(checkable, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
            {
                output.Error.WriteLine("error: --urls `" + address + "` is not an address to listen on");
                output.Error.WriteLine("help: give http://HOST:PORT, e.g. http://127.0.0.1:8080 (port 0 picks a free one); separate several with `;`");
                return (int)ExitCode.UsageOrUnreadable;
            }
        }

        NtkServer server;
        try
        {
            server = await NtkServer.CreateAsync(options, cancellation).ConfigureAwait(false);
            await server.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or FormatException or NeedToKnow.Core.Storage.StoreUnavailableException or UnauthorizedAccessException)
        {
            output.Error.WriteLine("error: the server could not start: " + e.Message.Split('\n')[0].TrimEnd('.'));
            return (int)ExitCode.UsageOrUnreadable;
        }

        await using (server.ConfigureAwait(false))
        {
            foreach (var address in server.Addresses)
            {
                output.Out.WriteLine("ntk serve: listening on " + address + " (dashboard: " + address + "/dashboard)");
            }

            if (server.GeneratedOperatorKey is not null)
            {
                output.Out.WriteLine("ntk serve: operator key (shown once, keep it): " + server.GeneratedOperatorKey);
            }

            using var stopDemo = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            Task? traffic = null;
            if (options.Demo)
            {
                traffic = await StartDemoAsync(output, options, server, stopDemo.Token).ConfigureAwait(false);
                if (traffic is null)
                {
                    return (int)ExitCode.UsageOrUnreadable;
                }
            }

            output.Out.Flush();
            await server.WaitForShutdownAsync(cancellation).ConfigureAwait(false);
            await stopDemo.CancelAsync().ConfigureAwait(false);
            if (traffic is not null)
            {
                await traffic.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        // Stopped: records still queued (the store was unreachable to the end) are lost; say so rather than exit quietly.
        var (unwritten, error) = server.UnwrittenRecords;
        if (unwritten > 0)
        {
            output.Error.WriteLine($"warning: {unwritten} interception and prompt records could not be written before the stop: {error}");
            return (int)ExitCode.Problems;
        }

        return (int)ExitCode.Success;
    }

    /// <summary>The loopback base address of the server's first address (a wildcard host becomes 127.0.0.1).</summary>
    internal static Uri LocalAddress(string address) =>
        new(address.Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));

    /// <summary>
    /// <c>--demo</c>: registers the examples/ program under three app ids (submitted, reviewed, approved), starts simulated
    /// users in the background against the server's own address, and prints the dashboard's address with the operator key.
    /// </summary>
    /// <returns>The traffic task, or null when the demo could not start (the error is written).</returns>
    private static async Task<Task?> StartDemoAsync(CliOutput output, ServerOptions options, NtkServer server, CancellationToken ct)
    {
        var key = options.OperatorKey ?? server.GeneratedOperatorKey;
        if (key is null)
        {
            output.Error.WriteLine("error: the demo needs the operator key: pass `--operator-key`");
            return null;
        }

        var baseAddress = LocalAddress(server.Addresses[0]);
        var demo = new SimulateCommand.Options(baseAddress, key, Users: 200, Programs: 3, Rate: DemoRate, Requests: int.MaxValue, Duration: TimeSpan.MaxValue,
            Batch: 1, Examples: DemoExamples.Locate(options.ExamplesPath), Seed: Environment.TickCount, Format: "text", Quiet: true);
        try
        {
            var traffic = await SimulateCommand.StartDemoAsync(demo, output, ct).ConfigureAwait(false);
            output.Out.WriteLine("ntk serve --demo: 3 programs (examples/ as wxsim0001..wxsim0003) live; 200 simulated users at " + DemoRate + " requests/s");
            output.Out.WriteLine("ntk serve --demo: open " + new Uri(baseAddress, "/dashboard") + "#key=" + Uri.EscapeDataString(key));
            return traffic;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or System.Text.Json.JsonException or TaskCanceledException)
        {
            output.Error.WriteLine("error: the demo could not start: " + e.Message.Split('\n')[0].TrimEnd('.'));
            return null;
        }
    }

    /// <summary>Gate requests per second the demo's simulated users make.</summary>
    internal const int DemoRate = 20;

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
