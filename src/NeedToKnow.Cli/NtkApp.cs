using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace NeedToKnow.Cli;

/// <summary>Builds the <c>ntk</c> command tree and runs it. Each command group lives in <c>Commands/</c>.</summary>
public static class NtkApp
{
    /// <summary>Builds the root command, writing to <paramref name="output"/>.</summary>
    /// <param name="output">Where commands write.</param>
    /// <returns>The root command with every subcommand.</returns>
    public static RootCommand BuildRoot(CliOutput output)
    {
        var root = new RootCommand("NeedToKnow: the privacy control plane for mini-program platforms");
        foreach (var command in Commands.CommandGroups.All(output))
        {
            root.Subcommands.Add(command);
        }

        // The library's version action reads the entry assembly, which is the test host under tests.
        foreach (var option in root.Options)
        {
            if (option is VersionOption version)
            {
                version.Action = new PrintVersionAction(output);
            }
        }

        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; usage errors give <see cref="ExitCode.UsageOrUnreadable"/>.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="output">Where to write.</param>
    /// <returns>The process exit code.</returns>
    public static int Run(string[] args, CliOutput output)
    {
        var root = BuildRoot(output);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                output.Error.WriteLine("error: " + Describe(error.Message));
            }

            var path = new List<string>();
            for (var c = parse.CommandResult; c is not null; c = c.Parent as System.CommandLine.Parsing.CommandResult)
            {
                path.Insert(0, c.Parent is null ? "ntk" : c.Command.Name); // the root's name is the host executable's
            }

            output.Error.WriteLine($"help: run `{string.Join(' ', path)} --help` for usage");
            return (int)ExitCode.UsageOrUnreadable;
        }

        var config = new InvocationConfiguration { Output = output.Out, Error = output.Error };
        return parse.Invoke(config);
    }

    /// <summary>
    /// A parse error in the user's terms: System.CommandLine says "Cannot parse argument 'abc' for option '--users' as
    /// expected type 'System.Int32'.", which names a .NET type; this says "--users `abc` is not a whole number".
    /// </summary>
    /// <param name="message">The parser's message.</param>
    /// <returns>The message to show.</returns>
    internal static string Describe(string message)
    {
        var m = System.Text.RegularExpressions.Regex.Match(message, @"^Cannot parse argument '(?<value>.*)' for (option|argument) '(?<name>[^']*)' as expected type '(?<type>[^']*)'\.?$");
        if (!m.Success)
        {
            return message;
        }

        var kind = m.Groups["type"].Value switch
        {
            "System.Int32" or "System.Int64" or "System.Nullable`1[System.Int32]" or "System.Nullable`1[System.Int64]" => "a whole number",
            "System.Double" or "System.Decimal" or "System.Nullable`1[System.Double]" => "a number",
            "System.TimeSpan" => "a duration",
            _ => "a valid value",
        };
        return $"{m.Groups["name"].Value} `{m.Groups["value"].Value}` is not {kind}";
    }

    /// <summary>The version of <c>ntk</c>: the informational version of this assembly, without build metadata.</summary>
    public static string Version { get; } =
        (typeof(NtkApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];

    private sealed class PrintVersionAction(CliOutput output) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            output.Out.WriteLine(Version);
            return 0;
        }
    }
}
