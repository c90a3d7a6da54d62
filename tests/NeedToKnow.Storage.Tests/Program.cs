namespace NeedToKnow.Storage.Tests;

/// <summary>
/// Entry point of the test assembly when it runs as a child process (the test runner does not use it):
/// <c>dotnet NeedToKnow.Storage.Tests.dll crash-child ...</c> streams acknowledged writes for the kill -9 test.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "audit-crash-child")
        {
            return await Audit.AuditCrashChild.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "crash-child")
        {
            return await CrashChild.RunAsync(args[1..]);
        }

        await Console.Error.WriteLineAsync("usage: NeedToKnow.Storage.Tests crash-child <args>");
        return 2;
    }
}
