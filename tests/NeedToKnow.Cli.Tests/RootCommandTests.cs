namespace NeedToKnow.Cli.Tests;

public class RootCommandTests
{
    [Fact]
    public void Unknown_command_is_a_usage_error_with_exit_code_2()
    {
        var (exit, _, err) = CliRunner.Run("no-such-command");
        Assert.Equal(2, exit);
        Assert.Contains("error:", err);
    }

    [Fact]
    public void Version_prints_the_assembly_version()
    {
        var (exit, stdout, _) = CliRunner.Run("--version");
        Assert.Equal(0, exit);
        Assert.StartsWith("0.1.0", stdout.Trim());
    }
}
