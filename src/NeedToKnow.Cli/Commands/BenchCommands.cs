using System.CommandLine;

namespace NeedToKnow.Cli.Commands;

/// <summary>
/// <c>ntk bench</c>: speed measurements of hot paths on given inputs, for operators sizing a deployment and to compare
/// with peers on the same data. Each subcommand lives in its own file with a static factory; add one line per
/// subcommand here.
/// </summary>
internal static class BenchCommands
{
    public static Command Create(CliOutput output)
    {
        var bench = new Command("bench", "Measure the speed of hot paths on given inputs (side by side with peers)");
        bench.Subcommands.Add(BenchGateCommand.Create(output));
        bench.Subcommands.Add(BenchUrlCommand.Create(output));
        bench.Subcommands.Add(BenchServeCommand.Create(output));
        return bench;
    }
}
