using System.Diagnostics;
using System.Text.Json;
using NeedToKnow.Testing;

namespace NeedToKnow.Cli.Tests;

/// <summary><c>ntk bench url</c> prints the same digest as Node's parser (node_url.mjs) on the same generated links.</summary>
public sealed class BenchUrlCommandTests
{
    [Fact]
    public void BenchUrl_DigestEqualsNodes_OnGeneratedLinks()
    {
        var dir = Directory.CreateTempSubdirectory("ntk-bench-url-");
        try
        {
            var file = Path.Combine(dir.FullName, "urls.json");
            var peers = RepoPaths.SharedFile("peers", "url");
            File.WriteAllText(file, Node(peers, "urls.mjs", "--count", "20000", "--seed", "7"));
            var nodeLine = Node(peers, "node_url.mjs", file, "--repeat", "1");
            var nodeDigest = nodeLine.Split(' ').Single(p => p.StartsWith("digest=", StringComparison.Ordinal))["digest=".Length..].Trim();
            var nodeFailures = int.Parse(nodeLine.Split(' ').Single(p => p.StartsWith("failures=", StringComparison.Ordinal))["failures=".Length..]);

            var (exit, stdout, stderr) = CliRunner.Run("bench", "url", "--input", file, "--repeat", "1", "--format", "json");

            Assert.True(exit == 0, stderr);
            using var json = JsonDocument.Parse(stdout);
            Assert.Equal(20000, json.RootElement.GetProperty("cases").GetInt32());
            Assert.Equal(nodeFailures, json.RootElement.GetProperty("failures").GetInt32());
            Assert.Equal(nodeDigest, json.RootElement.GetProperty("digest").GetString());
            Assert.True(json.RootElement.GetProperty("parsesPerSecond").GetInt64() > 0);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void BenchUrl_MissingFile_IsUsageError()
    {
        var (exit, stdout, _) = CliRunner.Run("bench", "url", "--input", "/nonexistent/urls.json", "--format", "json");
        Assert.Equal(2, exit);
        using var json = JsonDocument.Parse(stdout);
        Assert.StartsWith("cannot read `/nonexistent/urls.json`", json.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void BenchUrl_TextFormat_PrintsNodeStyleLine()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """["a comment", {"input": "https://example.com/a", "base": null}, {"input": "b", "base": "https://example.com/"}, {"input": "nope", "base": null}]""");
            var (exit, stdout, _) = CliRunner.Run("bench", "url", "--input", file, "--repeat", "1");
            Assert.Equal(0, exit);
            Assert.StartsWith("ntk-url cases=3 failures=1 parses/s=", stdout, StringComparison.Ordinal);
            Assert.Contains(" digest=", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Node(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "node " + string.Join(' ', args) + ": " + stderr);
        return stdoutTask.Result;
    }
}
