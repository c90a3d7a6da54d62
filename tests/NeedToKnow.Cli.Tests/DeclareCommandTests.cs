using System.Text;
using System.Text.Json;
using NeedToKnow.Testing;

namespace NeedToKnow.Cli.Tests;

public class DeclareCommandTests
{
    private static string Fixture(string name) => RepoPaths.RepoFile("tests", "NeedToKnow.Core.Tests", "Fixtures", "declarations", name + ".json");

    [Fact]
    public void A_directory_is_a_usage_error_that_says_so()
    {
        var (exit, _, err) = CliRunner.Run("declare", "validate", RepoPaths.RepoFile("examples"));
        Assert.Equal(2, exit);
        Assert.Contains("is a directory, not a file", err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_example_declaration_is_valid()
    {
        var (exit, stdout, _) = CliRunner.Run("declare", "validate", RepoPaths.RepoFile("examples", "privacy.json"));
        Assert.Equal(0, exit);
        Assert.EndsWith("privacy.json: valid (0 errors, 0 warnings)", stdout.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_alone_exit_0()
    {
        var (exit, stdout, _) = CliRunner.Run("declare", "validate", Fixture("purpose-repeated"));
        Assert.Equal(0, exit);
        Assert.Contains("warning NTK-DECL-022", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_declaration_exits_1_with_every_problem()
    {
        var (exit, _, stderr) = CliRunner.Run("declare", "validate", Fixture("purpose-placeholder"));
        Assert.Equal(1, exit);
        Assert.Equal(6, stderr.Split('\n').Count(l => l.Contains("error NTK-DECL-021", StringComparison.Ordinal)));
        Assert.Contains("purpose-placeholder.json:18:18 at /items/0/purpose: error NTK-DECL-021: the purpose of `PhoneNumber` is a placeholder: `使用`", stderr, StringComparison.Ordinal);
        Assert.Contains("  help: say for what feature and why", stderr, StringComparison.Ordinal);
        Assert.Contains("invalid (6 errors, 0 warnings)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_carries_code_pointer_and_position()
    {
        var (exit, stdout, _) = CliRunner.Run("declare", "validate", Fixture("unknown-key"), "--format", "json");
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.False(root.GetProperty("valid").GetBoolean());
        Assert.Equal(2, root.GetProperty("errors").GetInt32());
        var first = root.GetProperty("diagnostics")[0];
        Assert.Equal("NTK-DECL-024", first.GetProperty("code").GetString());
        Assert.Equal("error", first.GetProperty("severity").GetString());
        Assert.Equal("did you mean `Location`?", first.GetProperty("help").GetString());
        Assert.Equal("/items/1/key", first.GetProperty("location").GetProperty("jsonPointer").GetString());
        Assert.Equal(22, first.GetProperty("location").GetProperty("line").GetInt32());
    }

    [Fact]
    public void Truncated_json_exits_2()
    {
        var (exit, _, stderr) = CliRunner.Run("declare", "validate", Fixture("truncated"));
        Assert.Equal(2, exit);
        Assert.Contains("error NTK-DECL-001: declaration ends too early", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_50_mb_file_exits_2_without_being_read()
    {
        var path = Path.Combine(Path.GetTempPath(), "ntk-big-" + Guid.NewGuid().ToString("N") + ".json");
        using (var stream = File.Create(path))
        {
            stream.SetLength(50L * 1024 * 1024);
        }

        try
        {
            var (exit, _, stderr) = CliRunner.Run("declare", "validate", path);
            Assert.Equal(2, exit);
            Assert.Contains("error NTK-DECL-003: declaration is larger than the limit `MaxBytes` of 1048576 bytes: it has 52428800 bytes", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Invalid_utf8_exits_2()
    {
        var path = Path.Combine(Path.GetTempPath(), "ntk-utf8-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllBytes(path, [.. Encoding.ASCII.GetBytes("{\"appId\": \""), 0xC3, 0x28, .. Encoding.ASCII.GetBytes("\"}")]);
        try
        {
            var (exit, _, stderr) = CliRunner.Run("declare", "validate", path, "--format", "text");
            Assert.Equal(2, exit);
            Assert.Contains("error NTK-DECL-002", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_exits_2()
    {
        var (exit, stdout, _) = CliRunner.Run("declare", "validate", "/no/such/privacy.json", "--format", "json");
        Assert.Equal(2, exit);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("cannot read `/no/such/privacy.json`: no such file", doc.RootElement.GetProperty("error").GetProperty("message").GetString());
    }
}
