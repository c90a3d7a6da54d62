using NeedToKnow.Core.Consent;
using NeedToKnow.Core.Gate;

namespace NeedToKnow.Core.Tests.Gate;

public sealed class GateServiceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 7, 12, 10, 0, 0, TimeSpan.Zero);
    private static readonly string Purpose = "to record voice notes";

    private static async Task<(InMemoryDeclarationStore Decl, InMemoryConsentEventStore Consents, InMemoryGateRecordSink Sink)> Stores()
    {
        var decl = new InMemoryDeclarationStore();
        await decl.AddVersionAsync(new DeclarationVersion("wxa", 1, [new DeclaredItem("Record", Purpose, true), new DeclaredItem("Album", "photos", false)], null, T0));
        await decl.UpsertAppAsync(new AppRecord("wxa", AppStatus.Live, 1, new DeveloperInfo("Voice Co.", "enterprise", true), [], []));
        return (decl, new InMemoryConsentEventStore(), new InMemoryGateRecordSink());
    }

    private static ConsentEvent Grant(string user, DateTimeOffset at) =>
        new(Guid.NewGuid(), ConsentEventKind.DeclarationGranted, user, "wxa", at, 1, [new ConsentItem("Record", PurposeHash.Of(Purpose))], null, ConsentMethod.PrivacyPopup);

    private static ConsentEvent Scope(string user, DateTimeOffset at) =>
        new(Guid.NewGuid(), ConsentEventKind.ScopeGranted, user, "wxa", at, 0, [], "scope.record", ConsentMethod.ScopePopup);

    private static ConsentEvent Withdraw(string user, DateTimeOffset at) =>
        new(Guid.NewGuid(), ConsentEventKind.Withdrawn, user, "wxa", at, 0, [], null, ConsentMethod.UserPage);

    [Fact]
    public async Task Withdrawal_takes_effect_for_the_very_next_decision_on_the_node_that_took_it()
    {
        var (decl, consents, sink) = await Stores();
        var time = new ManualTime(T0);
        await using var node = new GateService(TestRules.Create(), decl, consents, sink, null, time);
        await node.StartAsync();
        await node.RecordConsentAsync(Grant("u1", T0));
        await node.RecordConsentAsync(Scope("u1", T0));
        var request = new GateRequest("wxa", "u1", "wx.startRecord", false, T0.AddSeconds(1));
        Assert.Equal(DecisionKind.Allow, node.Decide(in request).Kind);

        await node.RecordConsentAsync(Withdraw("u1", T0.AddSeconds(2)));
        var after = new GateRequest("wxa", "u1", "wx.startRecord", false, T0.AddSeconds(2));
        var d = node.Decide(in after);
        Assert.Equal((DecisionKind.Deny, GateReason.PrivacyConsentMissing, GateDetail.RefusedInCooldown), (d.Kind, d.Reason, d.Detail));
    }

    [Fact]
    public async Task Another_node_sees_a_withdrawal_after_its_next_refresh_and_denies_when_it_cannot_refresh_within_the_bound()
    {
        var (decl, consents, sink) = await Stores();
        var time = new ManualTime(T0);
        var options = new GateServiceOptions { RefreshInterval = TimeSpan.FromHours(1), StalenessBound = TimeSpan.FromSeconds(5) };
        await using var a = new GateService(TestRules.Create(), decl, consents, sink, options with { Gate = new GateOptions { NodeId = 1 } }, time);
        await using var b = new GateService(TestRules.Create(), decl, consents, sink, options with { Gate = new GateOptions { NodeId = 2 } }, time);
        await a.StartAsync();
        await b.StartAsync();
        await a.RecordConsentAsync(Grant("u1", T0));
        await a.RecordConsentAsync(Scope("u1", T0));
        var request = new GateRequest("wxa", "u1", "wx.startRecord", false, T0.AddSeconds(1));
        Assert.Equal(DecisionKind.Prompt, b.Decide(in request).Kind); // b has not followed the ledger yet
        Assert.True(await b.RefreshAsync());
        Assert.Equal(DecisionKind.Allow, b.Decide(in request).Kind);
        Assert.NotEqual(a.Decide(in request).Id.Node, b.Decide(in request).Id.Node);

        await a.RecordConsentAsync(Withdraw("u1", T0.AddSeconds(2)));
        consents.Unavailable = true;
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(await b.RefreshAsync());
        Assert.Equal(DecisionKind.Allow, b.Decide(in request).Kind); // within the 5 s bound: stale but allowed
        time.Advance(TimeSpan.FromSeconds(2));
        var stale = b.Decide(in request);
        Assert.Equal((DecisionKind.Deny, GateReason.StoreUnavailable, GateCheck.Store), (stale.Kind, stale.Reason, stale.DecidedBy));
        Assert.Contains("consent store unavailable", stale.Error, StringComparison.Ordinal);

        consents.Unavailable = false; // recovers by itself on the next refresh, and sees the withdrawal
        Assert.True(await b.RefreshAsync());
        var recovered = b.Decide(in request);
        Assert.Equal((DecisionKind.Deny, GateDetail.RefusedInCooldown), (recovered.Kind, recovered.Detail));
    }

    [Fact]
    public async Task Store_unavailable_at_start_denies_with_90602_then_recovers_by_itself()
    {
        var (decl, consents, sink) = await Stores();
        await consents.AppendAsync(Grant("u1", T0));
        await consents.AppendAsync(Scope("u1", T0));
        decl.Unavailable = true;
        await using var node = new GateService(TestRules.Create(), decl, consents, sink, new GateServiceOptions { RefreshInterval = TimeSpan.FromMilliseconds(20) });
        await node.StartAsync();
        var request = new GateRequest("wxa", "u1", "wx.startRecord", false, T0);
        var d = node.Decide(in request);
        Assert.Equal((DecisionKind.Deny, GateReason.StoreUnavailable, GateCheck.Store, GateDetail.StoreUnavailable), (d.Kind, d.Reason, d.DecidedBy, d.Detail));
        Assert.False(node.IsReady);

        decl.Unavailable = false;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!node.IsReady && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(node.IsReady);
        Assert.Equal(DecisionKind.Allow, node.Decide(in request).Kind);
    }

    /// <summary>Refuses for good any batch holding a user id with U+0000, as PostgreSQL refuses such text.</summary>
    private sealed class PoisonSink(InMemoryGateRecordSink inner) : IGateRecordSink
    {
        public ValueTask WriteAsync(IReadOnlyList<InterceptionRecord> interceptions, IReadOnlyList<PromptRecord> prompts, CancellationToken cancellationToken = default) =>
            interceptions.Any(r => r.UserId.Contains('\0', StringComparison.Ordinal))
                ? throw new InvalidOperationException("invalid byte sequence for encoding UTF8: 0x00")
                : inner.WriteAsync(interceptions, prompts, cancellationToken);
    }

    [Fact]
    public async Task A_record_the_store_refuses_for_good_is_dropped_alone_and_the_others_are_written()
    {
        var (decl, consents, sink) = await Stores();
        await using var node = new GateService(TestRules.Create(), decl, consents, new PoisonSink(sink), new GateServiceOptions { RecordBatchSize = 10, RefreshInterval = TimeSpan.FromHours(1), RecordFlushInterval = TimeSpan.FromHours(1) });
        await node.StartAsync();
        foreach (var user in new[] { "u1", "u\0x", "u2", "u3" })
        {
            var deny = new GateRequest("wxa", user, "wx.getClipboardData", false, T0);
            Assert.Equal(DecisionKind.Deny, node.Decide(in deny).Kind);
        }

        await node.FlushAsync();
        Assert.Equal(["u1", "u2", "u3"], sink.Interceptions.Select(r => r.UserId));
        Assert.Equal(0, node.PendingRecords);
        Assert.Equal(1, node.RejectedRecords);
        Assert.Equal("a gate record was refused by the store and dropped: invalid byte sequence for encoding UTF8: 0x00", node.LastError);

        // Later records are not held back.
        var later = new GateRequest("wxa", "u4", "wx.getClipboardData", false, T0);
        node.Decide(in later);
        await node.FlushAsync();
        Assert.Equal("u4", sink.Interceptions[^1].UserId);
        Assert.Equal(1, node.RejectedRecords);
    }

    [Fact]
    public async Task Denies_and_prompts_become_records_written_in_batches_and_kept_while_the_sink_is_down()
    {
        var (decl, consents, sink) = await Stores();
        await using var node = new GateService(TestRules.Create(), decl, consents, sink, new GateServiceOptions { RecordBatchSize = 2, RefreshInterval = TimeSpan.FromHours(1), RecordFlushInterval = TimeSpan.FromHours(1) });
        await node.StartAsync();
        var prompt = new GateRequest("wxa", "u9", "wx.startRecord", false, T0);
        var deny = new GateRequest("wxa", "u9", "wx.getClipboardData", false, T0);
        var p = node.Decide(in prompt);
        var d1 = node.Decide(in deny);
        var d2 = node.Decide(in deny);
        Assert.Equal(3, node.PendingRecords);

        sink.Unavailable = true;
        await node.FlushAsync();
        Assert.Equal(3, node.PendingRecords);
        Assert.Empty(sink.Interceptions);
        sink.Unavailable = false;
        await node.FlushAsync();
        Assert.Equal(0, node.PendingRecords);
        Assert.Equal(2, sink.Batches);

        var interceptions = await ToList(sink.ReadInterceptionsAsync(T0, T0.AddSeconds(1)));
        Assert.Equal([d1.Id, d2.Id], interceptions.Select(r => r.DecisionId));
        Assert.All(interceptions, r => Assert.Equal(("wxa", "u9", "Clipboard", GateReason.NotDeclared, GateCheck.Declaration, 1), (r.AppId, r.UserId, r.Key, r.Reason, r.DecidedBy, r.DeclarationVersion)));
        var prompts = await ToList(sink.ReadPromptsAsync(T0, T0.AddSeconds(1)));
        var pr = Assert.Single(prompts);
        Assert.Equal((p.Id, "Record", PromptKind.DeclarationConsent, GateReason.PrivacyConsentMissing, "wx.startRecord"), (pr.DecisionId, pr.Key, pr.Kind, pr.Reason, pr.Target));
    }

    [Fact]
    public async Task A_new_live_version_is_picked_up_on_refresh()
    {
        var (decl, consents, sink) = await Stores();
        await using var node = new GateService(TestRules.Create(), decl, consents, sink, new GateServiceOptions { RefreshInterval = TimeSpan.FromHours(1) });
        await node.StartAsync();
        var request = new GateRequest("wxa", "u1", "wx.getClipboardData", false, T0);
        Assert.Equal(GateReason.NotDeclared, node.Decide(in request).Reason);

        await decl.AddVersionAsync(new DeclarationVersion("wxa", 2, [new DeclaredItem("Clipboard", "to paste a code", false)], null, T0));
        await decl.UpsertAppAsync(new AppRecord("wxa", AppStatus.Live, 2, new DeveloperInfo("Voice Co.", "enterprise", true), [], []));
        Assert.True(await node.RefreshAsync());
        var d = node.Decide(in request);
        Assert.Equal((DecisionKind.Prompt, 2), (d.Kind, d.DeclarationVersion));

        await decl.UpsertAppAsync(new AppRecord("wxa", AppStatus.Banned, 2, new DeveloperInfo("Voice Co.", "enterprise", true), [], []));
        Assert.True(await node.RefreshAsync());
        Assert.Equal(GateReason.PrivacyApiBanned, node.Decide(in request).Reason);
    }

    [Fact]
    public async Task A_restrictive_event_applies_locally_even_when_the_append_fails()
    {
        var (decl, consents, sink) = await Stores();
        await using var node = new GateService(TestRules.Create(), decl, consents, sink, new GateServiceOptions { RefreshInterval = TimeSpan.FromHours(1), StalenessBound = TimeSpan.FromHours(1) });
        await node.StartAsync();
        await node.RecordConsentAsync(Grant("u1", T0));
        await node.RecordConsentAsync(Scope("u1", T0));
        consents.Unavailable = true;
        await Assert.ThrowsAsync<NeedToKnow.Core.Storage.StoreUnavailableException>(async () => await node.RecordConsentAsync(Withdraw("u1", T0.AddSeconds(1))));
        await Assert.ThrowsAsync<NeedToKnow.Core.Storage.StoreUnavailableException>(async () => await node.RecordConsentAsync(Grant("u2", T0.AddSeconds(1))));
        var request = new GateRequest("wxa", "u1", "wx.startRecord", false, T0.AddSeconds(1));
        Assert.Equal(GateDetail.RefusedInCooldown, node.Decide(in request).Detail);
        var other = new GateRequest("wxa", "u2", "wx.startRecord", false, T0.AddSeconds(1));
        Assert.Equal(GateDetail.NotAsked, node.Decide(in other).Detail); // a failed grant grants nothing
    }

    private static async Task<List<T>> ToList<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var i in items)
        {
            list.Add(i);
        }

        return list;
    }
}
