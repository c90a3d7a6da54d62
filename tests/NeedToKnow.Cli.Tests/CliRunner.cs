namespace NeedToKnow.Cli.Tests;

/// <summary>Runs <c>ntk</c> in process and captures what it writes (STYLE.md H19: handlers are called directly).</summary>
internal static class CliRunner
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = NtkApp.Run(args, new CliOutput(stdout, stderr));
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
