namespace NeedToKnow.Cli;

/// <summary>The exit codes of every <c>ntk</c> subcommand (STYLE.md H19; after Cedar's <c>CedarExitCode</c>).</summary>
public enum ExitCode
{
    /// <summary>0: success, nothing to report.</summary>
    Success = 0,

    /// <summary>1: the input was read and has problems (an invalid declaration, findings, a denied decision).</summary>
    Problems = 1,

    /// <summary>2: a usage error, or the input could not be read.</summary>
    UsageOrUnreadable = 2,
}
