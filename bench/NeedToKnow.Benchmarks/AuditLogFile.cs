using NeedToKnow.Core.Audit;
using NeedToKnow.Storage;

namespace NeedToKnow.Benchmarks;

/// <summary>
/// <c>--make-audit-log FILE N</c>: writes a SQLite store with an audit log of N interception entries and one signed
/// tree head over all of them, plus FILE.pub.pem, so that <c>ntk audit verify --db FILE --key FILE.pub.pem</c> can be
/// timed on a log of any size (docs/audit.md).
/// </summary>
internal static class AuditLogFile
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 2 || !int.TryParse(args[1], out var count) || count <= 0)
        {
            Console.Error.WriteLine("usage: --make-audit-log FILE N");
            return 2;
        }

        var file = Path.GetFullPath(args[0]);
        if (File.Exists(file))
        {
            Console.Error.WriteLine($"`{file}` exists; give a new file");
            return 2;
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        using var signer = TreeHeadSigner.Generate();
        await using (var store = await NeedToKnowStore.OpenAsync(StoreConnection.Sqlite(file)))
        {
            await using var log = await AuditLog.OpenAsync(store.AuditLog, signer, new AuditLogOptions { MaxPendingEntries = 65_536, PublishInterval = Timeout.InfiniteTimeSpan });
            await AppendInterceptionsAsync(log, count);
            await log.Publisher!.PublishAsync();
        }

        await File.WriteAllTextAsync(file + ".pub.pem", signer.Verifier.PublicKeyPem);
        Console.WriteLine($"wrote {count:N0} entries and one signed tree head to {file} in {started.Elapsed.TotalSeconds:F1} s; public key {file}.pub.pem");
        return 0;
    }

    /// <summary>Appends <paramref name="count"/> interception entries (65,536 in flight at most), as a busy server would.</summary>
    internal static async Task AppendInterceptionsAsync(AuditLog log, int count)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(1_764_400_000_000);
        var pending = new Queue<ValueTask<AuditAppendResult>>(65_536);
        for (var i = 0; i < count; i++)
        {
            if (pending.Count == 65_536)
            {
                await pending.Dequeue();
            }

            pending.Enqueue(log.AppendAsync(new AuditEntry(AuditEntryKind.Interception, time.AddSeconds(i), "wx" + (i % 5000), "Location", "112", new string('c', 64), "Declaration", "3", "wx.getLocation")));
        }

        while (pending.Count > 0)
        {
            await pending.Dequeue();
        }
    }
}
