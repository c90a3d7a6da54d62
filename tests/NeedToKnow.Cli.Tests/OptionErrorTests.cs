namespace NeedToKnow.Cli.Tests;

/// <summary>Option values that are not numbers or out of range are named in the user's terms, never as .NET types.</summary>
public sealed class OptionErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ntk-options-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(new[] { "simulate", "--users", "abc" }, "error: --users `abc` is not a whole number", "help: run `ntk simulate --help` for usage")]
    [InlineData(new[] { "simulate", "--users", "0" }, "error: --users must be from 1 to 10,000,000, not 0", "help: run `ntk simulate --help` for usage")]
    [InlineData(new[] { "simulate", "--batch", "20000" }, "error: --batch must be from 1 to 10,000, not 20000", "help: run `ntk simulate --help` for usage")]
    [InlineData(new[] { "simulate", "--rate", "-1" }, "error: --rate must be from 0 to 1,000,000, not -1", "help: run `ntk simulate --help` for usage")]
    [InlineData(new[] { "bench", "gate", "--workload", "w.json", "--seconds", "0" }, "error: --seconds must be from 0.01 to 3,600, not 0", "help: run `ntk bench gate --help` for usage")]
    [InlineData(new[] { "bench", "gate", "--workload", "w.json", "--seconds", "x" }, "error: --seconds `x` is not a number", "help: run `ntk bench gate --help` for usage")]
    public void Bad_numbers_are_usage_errors_in_plain_words(string[] args, string error, string help)
    {
        var (exit, stdout, stderr) = CliRunner.Run(args);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal(error + "\n" + help, stderr.Trim().ReplaceLineEndings("\n"));
        Assert.DoesNotContain("System.", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"apps\":[],\"consents\":[],\"requests\":[],\"expected\":{\"allow\":0,\"deny\":0}}", "the workload holds no requests: there is nothing to measure")]
    [InlineData("{\"apps\":5,\"consents\":[],\"requests\":[],\"expected\":{\"allow\":0,\"deny\":0}}", "`apps` has the wrong type")]
    [InlineData("{\"apps\":[", "not valid JSON at line 1, column 10")]
    public void An_unusable_workload_is_named_without_a_stack_trace(string json, string why)
    {
        var file = Path.Combine(_dir, "workload.json");
        File.WriteAllText(file, json);
        var (exit, _, stderr) = CliRunner.Run("bench", "gate", "--workload", file);
        Assert.Equal(2, exit);
        Assert.StartsWith("error: cannot read workload `" + file + "`: " + why, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
