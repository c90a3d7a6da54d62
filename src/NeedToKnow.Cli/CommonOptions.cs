using System.CommandLine;

namespace NeedToKnow.Cli;

/// <summary>Options shared by every subcommand, so that they read the same everywhere.</summary>
public static class CommonOptions
{
    /// <summary>Creates <c>--format</c> accepting <paramref name="allowed"/>; the first value is the default.</summary>
    /// <param name="allowed">Accepted values, default first, e.g. <c>text</c>, <c>json</c>.</param>
    /// <returns>The option.</returns>
    public static Option<string> Format(params string[] allowed)
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = "Output format: " + string.Join(", ", allowed),
            DefaultValueFactory = _ => allowed[0],
        };
        option.AcceptOnlyFromAmong(allowed);
        return option;
    }
}
