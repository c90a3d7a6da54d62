using System.Diagnostics;
using NeedToKnow.Core.Consent;
using NeedToKnow.Storage.Tests.Support;

namespace NeedToKnow.Storage.Tests.Durability;

/// <summary>
/// kill -9 during a stream of grants: every grant the child printed as acknowledged is in the store, whole, and
/// nothing is half-written (each event's items are complete, and the projection agrees with the events).
/// </summary>
public abstract class CrashTests : StoreTestBase
{
    [SkippableTheory]
    [InlineData(1)]
    [InlineData(16)]
    public async Task Every_acknowledged_grant_survives_kill_9(int batch)
    {
        await Store.DisposeAsync(); // the child owns the database while it runs
        var acked = new List<(long Seq, Guid Id)>();
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(typeof(CrashChild).Assembly.Location);
        psi.ArgumentList.Add("crash-child");
        psi.ArgumentList.Add(Database.Connection.Kind == StoreKind.Sqlite ? Database.Connection.Target : Database.Connection.Target);
        psi.ArgumentList.Add(batch.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var child = Process.Start(psi)!;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            string? line;
            while ((line = await child.StandardOutput.ReadLineAsync()) is not null)
            {
                if (line.StartsWith("ack ", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ');
                    acked.Add((long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), Guid.Parse(parts[2])));
                }

                if (acked.Count >= 200 || DateTime.UtcNow > deadline)
                {
                    break;
                }
            }
        }
        finally
        {
            child.Kill(); // SIGKILL on Linux: no finalizers, no flush, no dispose
            await child.WaitForExitAsync();
        }

        Assert.True(acked.Count >= 200, "the child acknowledged only " + acked.Count + " grants: " + await child.StandardError.ReadToEndAsync());
        Assert.Equal(137, child.ExitCode); // 128 + SIGKILL

        await ReopenAsync();
        var stored = new Dictionary<Guid, ConsentEvent>();
        await foreach (var e in Store.Consents.ReadAfterAsync(0, int.MaxValue))
        {
            stored[e.EventId] = e;
        }

        foreach (var (seq, id) in acked)
        {
            Assert.True(stored.TryGetValue(id, out var e), "acknowledged grant " + id + " is missing");
            Assert.Equal(seq, e.Sequence);
        }

        // None half-written: every stored event (acknowledged or caught in flight) is complete and projected.
        var states = await Store.Consents.LoadStatesAsync().ToDictionaryAsync(s => s.UserId);
        foreach (var e in stored.Values)
        {
            var n = BitConverter.ToInt32(e.EventId.ToByteArray(), 0);
            Assert.Equal(CrashChild.GrantNumber(n).Items, e.Items);
            Assert.Equal(CrashChild.KeysOf(n), states[e.UserId].Keys.Select(k => k.Key));
            Assert.Equal(e.Sequence, states[e.UserId].LastSequence);
        }

        Assert.Equal(stored.Count, states.Count);
        Assert.Equal(stored.Count, await Store.Consents.GetLastSequenceAsync());
        Assert.True(stored.Count >= acked.Count);
    }
}

public sealed class SqliteCrashTests : CrashTests
{
    internal override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresCrashTests : CrashTests
{
    internal override StoreKind Kind => StoreKind.Postgres;
}
