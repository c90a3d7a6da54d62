using System.Diagnostics;
using System.Text.Json;
using NeedToKnow.Testing;

namespace NeedToKnow.Cli.Tests.Bench;

/// <summary>Not run beside other test classes: the cache's bytes per record are a process-wide GC measurement.</summary>
[Collection(ProcessMemoryCollection.Name)]
public sealed class BenchGateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ntk-bench-gate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Counts_on_a_generated_workload_equal_the_counts_workload_mjs_expects()
    {
        var workload = Path.Combine(_dir, "workload.json");
        GenerateWorkload(workload, apps: 50, users: 2000, requests: 5000, seed: 7);
        using var expectedDoc = JsonDocument.Parse(File.ReadAllText(workload));
        var expected = expectedDoc.RootElement.GetProperty("expected");

        var (exit, stdout, stderr) = CliRunner.Run("bench", "gate", "--workload", workload, "--seconds", "0.05", "--format", "json");

        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement;
        Assert.Equal(expected.GetProperty("allow").GetInt64(), r.GetProperty("allow").GetInt64());
        Assert.Equal(expected.GetProperty("deny").GetInt64(), r.GetProperty("deny").GetInt64());
        Assert.True(r.GetProperty("correct").GetBoolean());
        Assert.True(r.GetProperty("allow").GetInt64() > 0, "the workload should allow some requests");
        Assert.Equal(5000, r.GetProperty("requests").GetInt32());
        Assert.True(r.GetProperty("decisionsPerSecond").GetDouble() > 0);
        Assert.True(r.GetProperty("nsPerDecision").GetDouble() > 0);
        Assert.Equal(expected.GetProperty("deny").GetInt64(), r.GetProperty("prompts").GetInt64() + r.GetProperty("denials").GetInt64());
        Assert.True(r.GetProperty("bytesPerDecision").GetDouble() < 1, "deciding should not allocate");
        Assert.True(r.GetProperty("cacheBytesPerConsentRecord").GetDouble() > 0);
    }

    [Fact]
    public void Two_threads_give_the_same_counts()
    {
        var workload = Path.Combine(_dir, "workload.json");
        GenerateWorkload(workload, apps: 20, users: 500, requests: 2000, seed: 3);
        using var expectedDoc = JsonDocument.Parse(File.ReadAllText(workload));
        var expected = expectedDoc.RootElement.GetProperty("expected");
        var (exit, stdout, stderr) = CliRunner.Run("bench", "gate", "--workload", workload, "--seconds", "0.05", "--threads", "2", "--format", "json");
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.True(doc.RootElement.GetProperty("correct").GetBoolean());
        Assert.Equal(expected.GetProperty("allow").GetInt64(), doc.RootElement.GetProperty("allow").GetInt64());
        Assert.Equal(expected.GetProperty("deny").GetInt64(), doc.RootElement.GetProperty("deny").GetInt64());
        Assert.Equal(2, doc.RootElement.GetProperty("threads").GetInt32());
    }

    [Fact]
    public void A_missing_workload_file_is_a_usage_error_with_help()
    {
        var (exit, _, stderr) = CliRunner.Run("bench", "gate", "--workload", Path.Combine(_dir, "nope.json"));
        Assert.Equal(2, exit);
        Assert.StartsWith("error: cannot read workload `", stderr, StringComparison.Ordinal);
        Assert.Contains("help: make one with `node workload.mjs", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workload_that_is_not_json_is_a_usage_error_in_json_when_asked()
    {
        var path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, "{ not json");
        var (exit, stdout, _) = CliRunner.Run("bench", "gate", "--workload", path, "--format", "json");
        Assert.Equal(2, exit);
        using var doc = JsonDocument.Parse(stdout);
        Assert.StartsWith("cannot read workload `", doc.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_threads_is_a_usage_error()
    {
        var (exit, _, stderr) = CliRunner.Run("bench", "gate", "--workload", "x.json", "--threads", "0");
        Assert.Equal(2, exit);
        Assert.Equal("error: --threads must be from 1 to 256, not 0\nhelp: run `ntk bench gate --help` for usage", stderr.Trim().ReplaceLineEndings("\n"));
    }

    private static void GenerateWorkload(string path, int apps, int users, int requests, int seed)
    {
        var script = RepoPaths.SharedFile("peers", "gate", "workload.mjs");
        var start = new ProcessStartInfo("node", [script, "--apps", apps.ToString(), "--users", users.ToString(), "--requests", requests.ToString(), "--seed", seed.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var json = process.StandardOutput.ReadToEnd();
        var err = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "workload.mjs failed: " + err);
        File.WriteAllText(path, json);
    }
}

/// <summary>Tests that measure the whole process's managed memory run alone (xUnit runs other classes in parallel).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMemoryCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "process memory";
}
