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

public class CommandTreeTests
{
    private static readonly System.CommandLine.RootCommand Root =
        NtkApp.BuildRoot(new CliOutput(TextWriter.Null, TextWriter.Null));

    [Fact]
    public void Every_command_has_unique_subcommand_names_and_aliases()
    {
        // A merge once registered `ntk bench gate` twice; System.CommandLine only notices when it is invoked.
        var duplicates = new List<string>();
        Walk(Root, "ntk", duplicates);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void The_top_level_groups_are_the_documented_ones()
    {
        var names = Root.Subcommands.Select(c => c.Name).ToArray();
        Assert.Equal(["serve", "simulate", "review", "catalog", "declare", "bench", "audit", "link"], names);
    }

    private static void Walk(System.CommandLine.Command command, string path, List<string> duplicates)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sub in command.Subcommands)
        {
            foreach (var name in sub.Aliases.Prepend(sub.Name))
            {
                if (!seen.Add(name))
                {
                    duplicates.Add($"{path} {name}");
                }
            }

            Walk(sub, $"{path} {sub.Name}", duplicates);
        }
    }
}
