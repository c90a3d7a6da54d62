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
        var command = new Command("serve", "Run the privacy control plane: HTTP API, gate, audit log, dashboard") { urls, db, operatorKey, demo };
        command.SetAction((parse, cancellation) => RunAsync(
            output,
            new ServerOptions
            {
                Urls = parse.GetValue(urls)!,
                Db = parse.GetValue(db)!,
                OperatorKey = parse.GetValue(operatorKey) ?? NullIfEmpty(Environment.GetEnvironmentVariable("NTK_OPERATOR_KEY")),
                Demo = parse.GetValue(demo),
            },
            cancellation));
        return command;
    }

    internal static async Task<int> RunAsync(CliOutput output, ServerOptions options, CancellationToken cancellation)
    {
        NtkServer server;
        try
        {
            server = await NtkServer.CreateAsync(options, cancellation).ConfigureAwait(false);
            await server.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or NeedToKnow.Core.Storage.StoreUnavailableException or UnauthorizedAccessException)
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

            output.Out.Flush();
            await server.WaitForShutdownAsync(cancellation).ConfigureAwait(false);
        }

        return (int)ExitCode.Success;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
