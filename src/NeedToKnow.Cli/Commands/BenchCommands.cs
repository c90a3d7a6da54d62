using System.CommandLine;

namespace NeedToKnow.Cli.Commands;

/// <summary><c>ntk bench</c>: measurements an operator runs to size a deployment. Add one line per subcommand.</summary>
internal static class BenchCommands
{
    public static Command Create(CliOutput output)
    {
        var command = new Command("bench", "Measure NeedToKnow's hot paths on this machine");
        command.Subcommands.Add(BenchGateCommand.Create(output));
        return command;
    }
}
