namespace NeedToKnow.Storage.Tests;

/// <summary>The child process of the kill -9 durability test (filled in with the consent port).</summary>
internal static class CrashChild
{
    public static Task<int> RunAsync(string[] args)
    {
        _ = args;
        return Task.FromResult(2);
    }
}
