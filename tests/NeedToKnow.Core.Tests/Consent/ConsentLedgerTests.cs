using System.Text.Json;
using NeedToKnow.Core.Consent;
using NeedToKnow.Core.Gate;

namespace NeedToKnow.Core.Tests.Consent;

public sealed class ConsentLedgerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 7, 12, 10, 0, 0, TimeSpan.Zero);

    private static ConsentEvent Ev(ConsentEventKind kind, DateTimeOffset at, int version = 0, string[]? keys = null, string? scope = null, ConsentMethod method = ConsentMethod.PrivacyPopup, long seq = 0) =>
        new(Guid.NewGuid(), kind, "u1", "wxa", at, version, [.. (keys ?? []).Select(k => new ConsentItem(k, PurposeHash.Of("p " + k)))], scope, method, seq);

    [Fact]
    public void State_as_of_any_past_time_is_the_fold_of_the_events_up_to_it()
    {
        // reference §2.3: agreed on 07-12 to a guide with ChooseLocation; WeRun added on 07-13 needs its own consent.
        var events = new[]
        {
            Ev(ConsentEventKind.DeclarationGranted, T0, 1, ["ChooseLocation"], seq: 1),
            Ev(ConsentEventKind.DeclarationGranted, T0.AddDays(1), 2, ["RunData"], seq: 2),
            Ev(ConsentEventKind.Withdrawn, T0.AddDays(2), keys: ["ChooseLocation"], method: ConsentMethod.UserPage, seq: 3),
            Ev(ConsentEventKind.AppRemoved, T0.AddDays(3), method: ConsentMethod.UserPage, seq: 4),
        };

        Assert.True(ConsentProjection.AsOf("u1", "wxa", events, T0.AddTicks(-1)).IsEmpty);
        var day1 = ConsentProjection.AsOf("u1", "wxa", events, T0.AddHours(1));
        Assert.Equal(["ChooseLocation"], day1.Keys.Select(k => k.Key));
        var day2 = ConsentProjection.AsOf("u1", "wxa", events, T0.AddDays(1));
        Assert.Equal([("ChooseLocation", ConsentStatus.Granted, 1), ("RunData", ConsentStatus.Granted, 2)], day2.Keys.Select(k => (k.Key, k.Status, k.DeclarationVersion)));
        var day3 = ConsentProjection.AsOf("u1", "wxa", events, T0.AddDays(2));
        Assert.True(day3.TryGetKey("ChooseLocation", out var withdrawn));
        Assert.Equal((ConsentStatus.Withdrawn, T0.AddDays(2)), (withdrawn.Status, withdrawn.Time));
        Assert.Equal(3, day3.LastSequence);
        Assert.True(ConsentProjection.Fold("u1", "wxa", events).IsEmpty);
    }

    [Fact]
    public void Folding_is_idempotent_by_sequence()
    {
        var grant = Ev(ConsentEventKind.DeclarationGranted, T0, 1, ["Album"], seq: 5);
        var once = ConsentProjection.Apply(ConsentState.Empty("u1", "wxa"), grant);
        var twice = ConsentProjection.Apply(once, grant);
        Assert.Same(once, twice);
        var refuseOlder = Ev(ConsentEventKind.DeclarationRefused, T0, 1, ["Album"], seq: 4);
        Assert.Same(once, ConsentProjection.Apply(once, refuseOlder));
    }

    [Fact]
    public void An_event_for_another_user_is_rejected()
    {
        var e = Ev(ConsentEventKind.ScopeGranted, T0, scope: "scope.record") with { UserId = "u2" };
        var ex = Assert.Throws<ArgumentException>(() => ConsentProjection.Apply(ConsentState.Empty("u1", "wxa"), e));
        Assert.StartsWith("consent event for user `u2` and app `wxa` folded into the state of user `u1`", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scope_event_without_a_scope_is_rejected()
    {
        var e = Ev(ConsentEventKind.ScopeGranted, T0);
        var ex = Assert.Throws<ArgumentException>(() => ConsentProjection.Apply(ConsentState.Empty("u1", "wxa"), e));
        Assert.Contains("names no scope", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Purpose_hash_is_stable_and_round_trips()
    {
        var h = PurposeHash.Of("to show stores near you");
        Assert.Equal(h, PurposeHash.Of("  to show stores near you "));
        Assert.NotEqual(h, PurposeHash.Of("to show stores near you and ads"));
        Assert.Equal(16, h.ToString().Length);
        Assert.Equal(h, PurposeHash.Parse(h.ToString()));
        var ex = Assert.Throws<FormatException>(() => PurposeHash.Parse("xyz"));
        Assert.Equal("a purpose hash is 16 hex digits, got `xyz`", ex.Message);
    }

    [Fact]
    public async Task In_memory_store_appends_idempotently_and_answers_as_of_queries()
    {
        var store = new InMemoryConsentEventStore();
        var grant = Ev(ConsentEventKind.DeclarationGranted, T0, 1, ["Album"]);
        Assert.Equal(1, await store.AppendAsync(grant));
        Assert.Equal(1, await store.AppendAsync(grant));
        var seqs = await store.AppendBatchAsync([Ev(ConsentEventKind.ScopeGranted, T0.AddHours(1), scope: "scope.record"), Ev(ConsentEventKind.Withdrawn, T0.AddHours(2))]);
        Assert.Equal([2L, 3L], seqs);
        var asOf = new List<ConsentEvent>();
        await foreach (var e in store.ReadAsync("u1", "wxa", T0.AddHours(1)))
        {
            asOf.Add(e);
        }

        Assert.Equal([1L, 2L], asOf.Select(e => e.Sequence));
        var states = new List<ConsentState>();
        await foreach (var s in store.LoadStatesAsync())
        {
            states.Add(s);
        }

        var state = Assert.Single(states);
        Assert.Equal((3L, ConsentStatus.Withdrawn), (state.LastSequence, state.Keys[0].Status));
    }

    [Fact]
    public void Receipt_names_who_what_why_when_and_how_in_kantara_shape()
    {
        var declaration = new DeclarationVersion("wxa", 3, [new DeclaredItem("Location", "to show stores near you", true), new DeclaredItem("Album", "to upload a photo", false)], null, T0);
        var grant = new ConsentEvent(Guid.Parse("6f1c2b9e-0d4a-4c55-9a51-3a4f0c1b2d3e"), ConsentEventKind.DeclarationGranted, "o_pseudo_1", "wxa", T0, 3,
            [new ConsentItem("Location", PurposeHash.Of("to show stores near you"))], null, ConsentMethod.SeparatePopup, 42);
        var receipt = ConsentReceipt.FromGrant(grant, declaration, "Acme Coffee Ltd.", k => k == "Location");

        using var doc = JsonDocument.Parse(receipt.ToJson());
        var root = doc.RootElement;
        Assert.Equal("KI-CR-v1.1.0", root.GetProperty("version").GetString());
        Assert.Equal("urn:uuid:6f1c2b9e-0d4a-4c55-9a51-3a4f0c1b2d3e", root.GetProperty("consentReceiptID").GetString());
        Assert.Equal(T0.ToUnixTimeSeconds(), root.GetProperty("consentTimestamp").GetInt64());
        Assert.Equal("separate consent popup", root.GetProperty("collectionMethod").GetString());
        Assert.Equal("o_pseudo_1", root.GetProperty("piiPrincipalId").GetString());
        Assert.Equal("Acme Coffee Ltd.", root.GetProperty("piiControllers")[0].GetProperty("piiController").GetString());
        var purpose = Assert.Single(root.GetProperty("services")[0].GetProperty("purposes").EnumerateArray());
        Assert.Equal("to show stores near you", purpose.GetProperty("purpose").GetString());
        Assert.Equal("Location", purpose.GetProperty("piiCategory")[0].GetString());
        Assert.True(purpose.GetProperty("primaryPurpose").GetBoolean());
        Assert.True(root.GetProperty("sensitive").GetBoolean());
        Assert.Equal("Location", root.GetProperty("spiCat")[0].GetString());
        var ntk = root.GetProperty("ntk");
        Assert.Equal((3, true, 42), (ntk.GetProperty("declarationVersion").GetInt32(), ntk.GetProperty("separateConsent").GetBoolean(), ntk.GetProperty("ledgerSequence").GetInt32()));
        Assert.Equal(PurposeHash.Of("to show stores near you").ToString(), ntk.GetProperty("purposeHashes").GetProperty("Location").GetString());
    }

    [Fact]
    public void Receipt_for_a_purpose_other_than_the_declared_one_is_refused()
    {
        var declaration = new DeclarationVersion("wxa", 1, [new DeclaredItem("Album", "to upload a photo", false)], null, T0);
        var grant = new ConsentEvent(Guid.NewGuid(), ConsentEventKind.DeclarationGranted, "u1", "wxa", T0, 1, [new ConsentItem("Album", PurposeHash.Of("something else"))], null, ConsentMethod.PrivacyPopup);
        var ex = Assert.Throws<ArgumentException>(() => ConsentReceipt.FromGrant(grant, declaration, "Dev"));
        Assert.StartsWith("grant for key `Album` was given for another purpose than the declared one", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Receipt_for_a_refusal_is_refused()
    {
        var declaration = new DeclarationVersion("wxa", 1, [], null, T0);
        var refusal = Ev(ConsentEventKind.DeclarationRefused, T0, 1);
        var ex = Assert.Throws<ArgumentException>(() => ConsentReceipt.FromGrant(refusal, declaration, "Dev"));
        Assert.StartsWith("a consent receipt is issued for a declaration grant, not for `DeclarationRefused`", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cache_reads_see_a_write_at_once_and_count_records()
    {
        var cache = new ConsentCache();
        Assert.False(cache.TryGet("u1", "wxa", out _));
        cache.Apply(Ev(ConsentEventKind.DeclarationGranted, T0, 1, ["Album"]));
        cache.Apply(Ev(ConsentEventKind.DeclarationGranted, T0, 1, ["Album"]) with { AppId = "wxb" });
        Assert.True(cache.TryGet("u1", "wxb", out var s));
        Assert.Equal("wxb", s.AppId);
        Assert.Equal((2L, 1), (cache.Count, cache.UserCount));
    }

    [Fact]
    public void Cache_replaces_grows_and_clears_while_counting()
    {
        var cache = new ConsentCache();
        var key = new KeyConsent("Album", ConsentStatus.Granted, PurposeHash.Of("p"), false, 1, T0);
        for (var u = 0; u < 500; u++)
        {
            for (var a = 0; a < 4; a++)
            {
                cache.Set(new ConsentState("user" + u, "wxgrow" + a, [key], [], u));
            }
        }

        cache.Set(new ConsentState("user7", "wxgrow2", [], [], 99));
        Assert.Equal((2000L, 500), (cache.Count, cache.UserCount));
        Assert.True(cache.TryGet("user7", "wxgrow2", out var replaced));
        Assert.Equal((99L, true), (replaced.LastSequence, replaced.IsEmpty));
        Assert.True(cache.TryGet("user499", "wxgrow3", out var last));
        Assert.Equal(("user499", "wxgrow3", 499L), (last.UserId, last.AppId, last.LastSequence));
        Assert.False(cache.TryGet("user500", "wxgrow0", out _));
        Assert.False(cache.TryGet("user1", "wx-never-seen", out _));
        cache.Clear();
        Assert.Equal((0L, 0), (cache.Count, cache.UserCount));
        Assert.False(cache.TryGet("user7", "wxgrow2", out _));
    }

    [Fact]
    public async Task Cache_readers_see_every_written_state_while_a_writer_grows_and_replaces()
    {
        // One writer (the ledger follower) adds and replaces states, growing the table many times; a reader checks that
        // every state published before its read is found with the newest or a newer sequence, never torn or lost.
        var cache = new ConsentCache();
        const int Users = 20_000;
        var published = 0;
        var failures = 0;
        var writer = Task.Run(() =>
        {
            for (var u = 0; u < Users; u++)
            {
                cache.Set(new ConsentState("cu" + u, "wxconc", [], [], 1));
                cache.Set(new ConsentState("cu" + u, "wxconc", [], [], 2));
                Volatile.Write(ref published, u + 1);
            }
        });
        var reader = Task.Run(() =>
        {
            var rng = new Random(1);
            while (Volatile.Read(ref published) < Users)
            {
                var n = Volatile.Read(ref published);
                if (n == 0)
                {
                    continue;
                }

                var u = rng.Next(n);
                if (!cache.TryGet("cu" + u, "wxconc", out var s) || s.LastSequence != 2 || s.UserId != "cu" + u)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });
        await Task.WhenAll(writer, reader);
        Assert.Equal(0, failures);
        Assert.Equal(((long)Users, Users), (cache.Count, cache.UserCount));
    }
}
