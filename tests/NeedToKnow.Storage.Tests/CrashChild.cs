using NeedToKnow.Core.Consent;

namespace NeedToKnow.Storage.Tests;

/// <summary>
/// The child process of the kill -9 test: <c>crash-child DB BATCH</c> opens the store, then appends grants forever,
/// each batch of BATCH events in one call, and after each call returns prints one line per acknowledged event:
/// <c>ack SEQUENCE EVENT-ID</c>. The parent kills it with SIGKILL mid-stream and checks the store.
/// </summary>
internal static class CrashChild
{
    /// <summary>The keys of grant number <paramref name="n"/>: 1 to 4 keys, so a half-written row would show.</summary>
    public static string[] KeysOf(int n) => [.. new[] { "Location", "PhoneNumber", "Album", "Clipboard" }.Take(1 + (n % 4))];

    public static ConsentEvent GrantNumber(int n) => new(
        new Guid(n, 0, 0, new byte[8]), ConsentEventKind.DeclarationGranted, "user" + n, "wxcrash", DateTimeOffset.UnixEpoch.AddSeconds(n), 1,
        [.. KeysOf(n).Select(k => new ConsentItem(k, PurposeHash.Of(k + n)))], null, ConsentMethod.PrivacyPopup);

    public static async Task<int> RunAsync(string[] args)
    {
        var db = StoreConnection.Parse(args[0]);
        var batch = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        await using var store = await NeedToKnowStore.OpenAsync(db);
        var stdout = Console.Out;
        await stdout.WriteLineAsync("ready");
        await stdout.FlushAsync();
        for (var n = 1; ; n += batch)
        {
            var events = Enumerable.Range(n, batch).Select(GrantNumber).ToList();
            var seqs = await store.Consents.AppendBatchAsync(events);
            for (var i = 0; i < events.Count; i++)
            {
                await stdout.WriteLineAsync("ack " + seqs[i] + " " + events[i].EventId.ToString("D"));
            }

            await stdout.FlushAsync();
        }
    }
}
