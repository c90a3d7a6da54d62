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
    public void BenchUrl_LoneSurrogates_AreReadAsNodeReadsThem()
    {
        var dir = Directory.CreateTempSubdirectory("ntk-bench-url-");
        try
        {
            // WPT's urltestdata.json holds such inputs; JSON.parse keeps the lone surrogate and so must we.
            var file = Path.Combine(dir.FullName, "surrogates.json");
            File.WriteAllText(file, """[{"input": "https://example.com/\ud800x", "base": null}, {"input": "https://ex\udc00.com/", "base": null}, {"input": "https://example.com/?q=\ud83d\ude00", "base": null}]""");
            var nodeLine = Node(RepoPaths.SharedFile("peers", "url"), "node_url.mjs", file, "--repeat", "1");
            var nodeDigest = nodeLine.Split(' ').Single(p => p.StartsWith("digest=", StringComparison.Ordinal))["digest=".Length..].Trim();
            var (exit, stdout, stderr) = CliRunner.Run("bench", "url", "--input", file, "--repeat", "1", "--format", "json");
            Assert.True(exit == 0, stderr);
            using var json = JsonDocument.Parse(stdout);
            Assert.Equal(nodeDigest, json.RootElement.GetProperty("digest").GetString());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void BenchUrl_ItemWithoutInput_IsUsageErrorNamingIt()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """[{"input": "https://example.com/"}, {"inp": 1}]""");
            var (exit, _, stderr) = CliRunner.Run("bench", "url", "--input", file);
            Assert.Equal(2, exit);
            Assert.Contains("item 2 has no string `input`", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
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
