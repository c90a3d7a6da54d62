using NeedToKnow.Core.Consent;
using NeedToKnow.Core.Storage;
using NeedToKnow.Storage.Tests.Support;

namespace NeedToKnow.Storage.Tests.Contract;

/// <summary>The consent ledger port, declared once per backend.</summary>
public abstract class ConsentStoreContractTests : StoreTestBase
{
    internal static readonly DateTimeOffset T0 = new(2026, 7, 12, 9, 30, 0, TimeSpan.Zero);

    internal static ConsentEvent Grant(string user, string app, DateTimeOffset time, params string[] keys) => new(
        Guid.NewGuid(), ConsentEventKind.DeclarationGranted, user, app, time, 1,
        [.. keys.Select(k => new ConsentItem(k, PurposeHash.Of("purpose of " + k)))], null, ConsentMethod.PrivacyPopup);

    [SkippableFact]
    public async Task Append_assigns_increasing_sequences_and_reads_back_the_exact_event()
    {
        var time = T0.AddTicks(1234567); // sub-millisecond ticks survive
        var e = Grant("u1", "wxapp1", time, "Location", "PhoneNumber") with { DeclarationVersion = 3 };
        var s1 = await Store.Consents.AppendAsync(e);
        var s2 = await Store.Consents.AppendAsync(Grant("u2", "wxapp1", T0, "Album"));
        Assert.Equal(1, s1);
        Assert.Equal(2, s2);
        Assert.Equal(2, await Store.Consents.GetLastSequenceAsync());

        var read = await Store.Consents.ReadAsync("u1", null, null).ToListAsync();
        var back = Assert.Single(read);
        Assert.Equal(e.EventId, back.EventId);
        Assert.Equal(ConsentEventKind.DeclarationGranted, back.Kind);
        Assert.Equal(time, back.Time);
        Assert.Equal(time.UtcTicks, back.Time.UtcTicks);
        Assert.Equal(3, back.DeclarationVersion);
        Assert.Equal(e.Items, back.Items);
        Assert.Null(back.Scope);
        Assert.Equal(ConsentMethod.PrivacyPopup, back.Method);
        Assert.Equal(1, back.Sequence);
    }

    [SkippableFact]
    public async Task Append_is_idempotent_by_event_id()
    {
        var e = Grant("u1", "wxapp1", T0, "Location");
        var first = await Store.Consents.AppendAsync(e);
        var again = await Store.Consents.AppendAsync(e);
        var batch = await Store.Consents.AppendBatchAsync([e, Grant("u1", "wxapp1", T0, "Album"), e]);
        Assert.Equal(first, again);
        Assert.Equal([first, 2L, first], batch);
        Assert.Equal(2, await Store.Consents.GetLastSequenceAsync());
        Assert.Equal(2, await Store.Consents.ReadAsync("u1", "wxapp1", null).CountAsync());
    }

    [SkippableFact]
    public async Task A_batch_is_atomic_a_bad_event_writes_nothing()
    {
        await Store.Consents.AppendAsync(Grant("u1", "wxapp1", T0, "Location"));
        var bad = new ConsentEvent(Guid.NewGuid(), ConsentEventKind.ScopeGranted, "u1", "wxapp1", T0, 1, [], null, ConsentMethod.ScopePopup);
        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await Store.Consents.AppendBatchAsync([Grant("u1", "wxapp1", T0, "Album"), bad]));
        Assert.Equal(1, await Store.Consents.GetLastSequenceAsync());
        Assert.Equal(1, await Store.Consents.ReadAsync("u1", null, null).CountAsync());
        var state = Assert.Single(await Store.Consents.LoadStatesAsync().ToListAsync());
        Assert.Equal(["Location"], state.Keys.Select(k => k.Key));
    }

    [SkippableFact]
    public async Task Read_filters_by_app_and_answers_as_of_a_time()
    {
        await Store.Consents.AppendAsync(Grant("u1", "wxapp1", T0, "Location"));
        await Store.Consents.AppendAsync(Grant("u1", "wxapp2", T0.AddHours(1), "Album"));
        await Store.Consents.AppendAsync(new ConsentEvent(Guid.NewGuid(), ConsentEventKind.Withdrawn, "u1", "wxapp1", T0.AddHours(2), 1, [], null, ConsentMethod.UserPage));
        await Store.Consents.AppendAsync(Grant("u9", "wxapp1", T0, "Location"));

        Assert.Equal([1L, 2L, 3L], await Store.Consents.ReadAsync("u1", null, null).Select(e => e.Sequence).ToListAsync());
        Assert.Equal([1L, 3L], await Store.Consents.ReadAsync("u1", "wxapp1", null).Select(e => e.Sequence).ToListAsync());
        var asOf = await Store.Consents.ReadAsync("u1", "wxapp1", T0.AddHours(2).AddTicks(-1)).ToListAsync();
        Assert.Equal([1L], asOf.Select(e => e.Sequence));
        Assert.Equal(ConsentStatus.Granted, ConsentProjection.Fold("u1", "wxapp1", asOf).Keys[0].Status);
        var atWithdrawal = await Store.Consents.ReadAsync("u1", "wxapp1", T0.AddHours(2)).ToListAsync();
        Assert.Equal(ConsentStatus.Withdrawn, ConsentProjection.Fold("u1", "wxapp1", atWithdrawal).Keys[0].Status);
    }

    [SkippableFact]
    public async Task Read_after_pages_through_the_ledger_in_sequence_order()
    {
        await Store.Consents.AppendBatchAsync([.. Enumerable.Range(0, 25).Select(i => Grant("u" + i, "wxapp1", T0, "Location"))]);
        var seen = new List<long>();
        long after = 0;
        while (true)
        {
            var page = await Store.Consents.ReadAfterAsync(after, 10).ToListAsync();
            if (page.Count == 0)
            {
                break;
            }

            seen.AddRange(page.Select(e => e.Sequence));
            after = page[^1].Sequence;
        }

        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), seen);
    }

    [SkippableFact]
    public async Task States_equal_the_in_memory_reference_fold_for_a_random_ledger()
    {
        var reference = new InMemoryConsentEventStore();
        var random = new Random(4242);
        string[] keys = ["Location", "PhoneNumber", "Album", "Clipboard"];
        string[] scopes = ["scope.userLocation", "scope.record"];
        var events = new List<ConsentEvent>();
        for (var i = 0; i < 300; i++)
        {
            var user = "u" + random.Next(12);
            var app = "wxapp" + random.Next(3);
            var time = T0.AddSeconds(i);
            var kind = (ConsentEventKind)random.Next(1, 8);
            var chosen = keys.Where(_ => random.Next(2) == 0).ToArray();
            var items = kind is ConsentEventKind.ScopeGranted or ConsentEventKind.ScopeRefused or ConsentEventKind.ScopeReEnabled or ConsentEventKind.AppRemoved
                ? []
                : chosen.Select(k => new ConsentItem(k, PurposeHash.Of(k + random.Next(2)))).ToArray();
            var scope = kind is ConsentEventKind.ScopeGranted or ConsentEventKind.ScopeRefused or ConsentEventKind.ScopeReEnabled ? scopes[random.Next(2)] : null;
            events.Add(new ConsentEvent(Guid.NewGuid(), kind, user, app, time, random.Next(1, 4), items, scope,
                random.Next(2) == 0 ? ConsentMethod.PrivacyPopup : ConsentMethod.SeparatePopup));
        }

        for (var i = 0; i < events.Count;)
        {
            var n = Math.Min(events.Count - i, random.Next(1, 40));
            var batch = events.GetRange(i, n);
            Assert.Equal(await reference.AppendBatchAsync(batch), await Store.Consents.AppendBatchAsync(batch));
            i += n;
        }

        var expected = await reference.LoadStatesAsync().ToDictionaryAsync(s => (s.UserId, s.AppId));
        var actual = await Store.Consents.LoadStatesAsync().ToListAsync();
        Assert.Equal(expected.Count, actual.Count);
        foreach (var s in actual)
        {
            var r = expected[(s.UserId, s.AppId)];
            Assert.Equal(r.LastSequence, s.LastSequence);
            Assert.Equal(r.Keys, s.Keys);
            Assert.Equal(r.Scopes, s.Scopes);
        }

        var asOf = T0.AddSeconds(150);
        Assert.Equal(
            await reference.ReadAsync("u3", null, asOf).Select(e => e.EventId).ToListAsync(),
            await Store.Consents.ReadAsync("u3", null, asOf).Select(e => e.EventId).ToListAsync());
    }

    [SkippableFact]
    public async Task Events_and_states_survive_a_restart()
    {
        var e = Grant("u1", "wxapp1", T0, "Location");
        await Store.Consents.AppendAsync(e);
        await ReopenAsync();
        Assert.Equal(e.EventId, (await Store.Consents.ReadAsync("u1", "wxapp1", null).SingleAsync()).EventId);
        var state = Assert.Single(await Store.Consents.LoadStatesAsync().ToListAsync());
        Assert.Equal(1, state.LastSequence);
        Assert.Equal(PurposeHash.Of("purpose of Location"), state.Keys[0].Purpose);
        Assert.Equal(2, await Store.Consents.AppendAsync(Grant("u1", "wxapp1", T0, "Album")));
    }

    [SkippableFact]
    public async Task Concurrent_appends_get_distinct_gapless_sequences()
    {
        var tasks = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var mine = new List<long>();
            for (var i = 0; i < 10; i++)
            {
                mine.Add(await Store.Consents.AppendAsync(Grant("w" + w, "wxapp1", T0, "Location")));
            }

            return mine;
        })).ToArray();
        var all = (await Task.WhenAll(tasks)).SelectMany(x => x).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 80).Select(i => (long)i), all);
    }
}

public sealed class SqliteConsentStoreContractTests : ConsentStoreContractTests
{
    internal override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresConsentStoreContractTests : ConsentStoreContractTests
{
    internal override StoreKind Kind => StoreKind.Postgres;
}
