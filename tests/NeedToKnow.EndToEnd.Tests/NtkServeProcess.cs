using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace NeedToKnow.EndToEnd.Tests;

/// <summary>Runs the real <c>ntk serve</c> as a child process on a free loopback port, with a fresh SQLite file.</summary>
public sealed class NtkServeProcess : IAsyncDisposable
{
    public const string OperatorKey = "ntk_operator_e2e_key_0123456789abcdefgh";

    private readonly Process _process;
    private readonly string _folder;

    private NtkServeProcess(Process process, Uri baseAddress, string folder, string db)
    {
        _process = process;
        BaseAddress = baseAddress;
        _folder = folder;
        Db = db;
    }

    public Uri BaseAddress { get; }

    public string Db { get; }

    public static string NtkDll => Path.Combine(AppContext.BaseDirectory, "ntk.dll");

    public static async Task<NtkServeProcess> StartAsync(params string[] extraArgs)
    {
        var folder = Directory.CreateTempSubdirectory("ntk-e2e-").FullName;
        var db = Path.Combine(folder, "ntk.db");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        foreach (var arg in (string[])[NtkDll, "serve", "--urls", "http://127.0.0.1:" + port, "--db", db, "--operator-key", OperatorKey, .. extraArgs])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains("listening on", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (finished != ready.Task)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            throw new InvalidOperationException("ntk serve did not start: " + output);
        }

        return new NtkServeProcess(process, new Uri("http://127.0.0.1:" + port), folder, db);
    }

    public HttpClient Client(string? key = OperatorKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>Removes the server's folder (its database and secrets); call after the last look at <see cref="Db"/>.</summary>
    public void DeleteFolder()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
