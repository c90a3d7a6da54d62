using NeedToKnow.Core.Audit;

namespace NeedToKnow.Storage.Tests.Audit;

/// <summary>
/// The child process of the audit kill -9 test: appends entries from 32 concurrent writers into the SQLite file given
/// as the first argument and prints each acknowledged (durable) index on its own line, until it is killed.
/// </summary>
internal static class AuditCrashChild
{
    public static async Task<int> RunAsync(string[] args)
    {
        var store = await NeedToKnowStore.OpenAsync(StoreConnection.Sqlite(args[0]));
        var log = await AuditLog.OpenAsync(store.AuditLog, null, new AuditLogOptions { MaxBatchSize = 256, PublishInterval = Timeout.InfiniteTimeSpan });
        var output = Console.Out;
        var gate = new Lock();
        var writers = Enumerable.Range(0, 32).Select(w => Task.Run(async () =>
        {
            for (var i = 0; ; i++)
            {
                var entry = new AuditEntry(AuditEntryKind.Interception, DateTimeOffset.UtcNow, "wxcrash" + w, "Location", "112", "");
                var result = await log.AppendAsync(entry);
                if (result.IsAppended)
                {
                    lock (gate)
                    {
                        output.WriteLine(result.Index);
                        output.Flush();
                    }
                }
            }
        }));
        await Task.WhenAll(writers);
        return 0;
    }
}
