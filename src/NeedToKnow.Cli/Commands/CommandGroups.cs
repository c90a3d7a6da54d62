using System.CommandLine;

namespace NeedToKnow.Cli.Commands;

/// <summary>The list of top-level command groups. Add one line per group; the group's file builds its subcommands.</summary>
internal static class CommandGroups
{
    /// <summary>Every top-level command, in help order.</summary>
    public static IEnumerable<Command> All(CliOutput output)
    {
        yield return ServeCommand.Create(output);
        yield return SimulateCommand.Create(output);
        yield return ReviewCommands.Create(output);
        yield return CatalogCommand.Create(output);
        yield return DeclareCommand.Create(output);
        yield return BenchCommands.Create(output);
        yield return AuditCommands.Create(output);
        yield return LinkCommands.Create(output);
    }
}
