using NeedToKnow.Core.Audit;
using NeedToKnow.Core.Audit.Statistics;
using NeedToKnow.Core.Consent;
using NeedToKnow.Core.Gate;

namespace NeedToKnow.Core.Tests.Audit;

public class AuditRecordSinkTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Gate_records_and_consent_events_become_audit_entries_without_the_user_id()
    {
        var store = new MemoryAuditLogStore();
        var users = new AuditUserHasher(new byte[32]);
        await using var log = await AuditLog.OpenAsync(store, null, new AuditLogOptions { PublishInterval = Timeout.InfiniteTimeSpan });
        var sink = new AuditRecordSink(log.Sequencer, users);
        var interception = new InterceptionRecord(new DecisionId(1), Time, "wxapp", "openid-42", "wx.getLocation", "Location", GateReason.NotDeclared, GateCheck.Declaration, GateDetail.None, 3, null);
        var prompt = new PromptRecord(new DecisionId(2), Time, "wxapp", "openid-42", "wx.getPhoneNumber", "PhoneNumber", PromptKind.DeclarationConsent, GateReason.PrivacyConsentMissing, GateDetail.None, 3, null, true);
        await sink.WriteAsync([interception], [prompt]);
        var consent = new ConsentEvent(Guid.NewGuid(), ConsentEventKind.DeclarationGranted, "openid-42", "wxapp", Time.AddSeconds(5), 3, [new ConsentItem("PhoneNumber", PurposeHash.Of("login"))], null, ConsentMethod.PrivacyPopup);
        await sink.WriteConsentAsync([consent]);

        Assert.Equal(3, store.Rows.Count);
        var entries = store.Rows.Select(r => AuditEntryCodec.TryDecode(r.Entry, out _, out var e, out _) ? e : null).ToList();
        Assert.Equal(new AuditEntry(AuditEntryKind.Interception, Time, "wxapp", "Location", "112", users.Hash("openid-42"), "Declaration", "3", "wx.getLocation"), entries[0]);
        Assert.Equal(AuditEntryKind.Prompt, entries[1]!.Kind);
        Assert.Equal("104", entries[1]!.ReasonCode);
        Assert.Equal(new AuditEntry(AuditEntryKind.Consent, Time.AddSeconds(5), "wxapp", "PhoneNumber", "DeclarationGranted", users.Hash("openid-42"), "granted", "3", ""), entries[2]);
        Assert.All(store.Rows, r => Assert.Equal(-1, r.Entry.AsSpan().IndexOf("openid-42"u8)));

        var stats = new AuditStatisticsBuilder(null, null);
        entries.ForEach(e => stats.Add(e!));
        Assert.Equal("since 2026-11-29, 1 attempt to collect personal information by 1 program was intercepted", stats.Build().Sentence);
    }

    [Fact]
    public async Task A_batch_lands_in_one_commit_with_consecutive_indexes()
    {
        var store = new MemoryAuditLogStore();
        await using var log = await AuditLog.OpenAsync(store, null, new AuditLogOptions { PublishInterval = Timeout.InfiniteTimeSpan, MaxBatchSize = 2 });
        var first = await log.Sequencer.AppendManyAsync([.. Enumerable.Range(0, 5).Select(i => AuditLogTests.Entry(i))]);
        Assert.Equal(0, first.Index);
        Assert.Equal(5, (await log.AppendAsync(AuditLogTests.Entry(5))).Index);
        Assert.Equal([0L, 1, 2, 3, 4, 5], store.Rows.Select(r => r.Index));
    }
}
