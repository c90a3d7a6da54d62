using System.Diagnostics;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Gate;
using NeedToKnow.Storage.Tests.Contract;

namespace NeedToKnow.Storage.Tests.Availability;

/// <summary>
/// <see cref="GateService"/> itself over a real store that dies and comes back (issue #4 "The store unreachable: the
/// gate fails closed with its own reason code, never Allow; it recovers by itself"). The outage is the one of
/// the other tests of this class: the SQLite folder vanishes, the PostgreSQL connection is refused. Nothing
/// calls <see cref="GateService.RefreshAsync"/> here: the service's own refresh loop notices the outage and the
/// recovery.
/// </summary>
public abstract partial class StoreUnavailableTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly GateServiceOptions Options = new()
    {
        RefreshInterval = TimeSpan.FromMilliseconds(50),
        StalenessBound = TimeSpan.FromMilliseconds(500),
        RecordFlushInterval = TimeSpan.FromMilliseconds(50),
    };

    [SkippableFact]
    public async Task The_gate_service_denies_with_its_own_reason_while_the_store_is_dead_and_recovers_by_itself()
    {
        await Seed();
        await using var service = new GateService(GateRules.FromCatalog(PrivacyCatalog.Default), Store.Declarations, Store.Consents, Store.GateRecords, Options);
        await service.StartAsync();
        Assert.Equal(DecisionKind.Allow, Decide(service).Kind);

        await Outage();
        var denied = await UntilAsync(service, d => d.Kind != DecisionKind.Allow);
        AssertFailClosed(denied);
        Assert.False(service.IsReady);

        // The refresh loop reports the store's error (on a loaded machine the first stale deny can come before it).
        var clock = Stopwatch.StartNew();
        while (service.LastError?.Contains("store unavailable: ", StringComparison.Ordinal) != true)
        {
            AssertFailClosed(Decide(service));
            Assert.True(clock.Elapsed < Patience, "no store error reported: " + service.LastError);
            await Task.Delay(20);
        }

        // It stays closed while the store is dead: a second of decisions, none of them an allow.
        var until = Stopwatch.StartNew();
        var count = 0;
        while (until.Elapsed < TimeSpan.FromSeconds(1))
        {
            AssertFailClosed(Decide(service));
            count++;
            await Task.Delay(10);
        }

        Assert.True(count > 10, "decisions made during the outage: " + count);

        await Restore();
        var back = await UntilAsync(service, d => d.Kind == DecisionKind.Allow, AssertFailClosed);
        Assert.Equal((GateReason.None, 1), (back.Reason, back.DeclarationVersion));
        Assert.True(service.IsReady);
    }

    [SkippableFact]
    public async Task A_gate_service_started_while_the_store_is_dead_denies_until_the_store_comes_back()
    {
        await Seed();
        await Outage();
        await using var service = new GateService(GateRules.FromCatalog(PrivacyCatalog.Default), Store.Declarations, Store.Consents, Store.GateRecords, Options);
        await service.StartAsync();
        var first = Decide(service);
        AssertFailClosed(first);
        Assert.StartsWith("stores not loaded yet: ", first.Error, StringComparison.Ordinal);
        Assert.Null(service.Declarations);

        await Restore();
        var back = await UntilAsync(service, d => d.Kind == DecisionKind.Allow, AssertFailClosed);
        Assert.Equal("Album", back.Key);
    }

    private async Task Seed()
    {
        await Store.Declarations.AddVersionAsync(DeclarationStoreContractTests.Version("wxapp1", 1, ("Album", "purpose of Album", false)));
        await Store.Declarations.UpsertAppAsync(DeclarationStoreContractTests.App("wxapp1", 1));
        await Store.Consents.AppendAsync(ConsentStoreContractTests.Grant("u1", "wxapp1", ConsentStoreContractTests.T0, "Album"));
    }

    private static GateDecision Decide(GateService service)
    {
        var request = new GateRequest("wxapp1", "u1", "Album", true, DateTimeOffset.UtcNow);
        return service.Decide(in request);
    }

    /// <summary>The gate's own fail-closed reason: deny 90602 by the store check, with the store's error.</summary>
    private static void AssertFailClosed(GateDecision d)
    {
        Assert.Equal((DecisionKind.Deny, GateReason.StoreUnavailable, GateCheck.Store, GateDetail.StoreUnavailable), (d.Kind, d.Reason, d.DecidedBy, d.Detail));
        Assert.Equal(90602, (int)d.Reason);
        Assert.NotNull(d.Error);
    }

    /// <summary>Decides every 20 ms until <paramref name="done"/> holds; every decision before it must pass <paramref name="meanwhile"/>.</summary>
    private static async Task<GateDecision> UntilAsync(GateService service, Func<GateDecision, bool> done, Action<GateDecision>? meanwhile = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var d = Decide(service);
            if (done(d))
            {
                return d;
            }

            meanwhile?.Invoke(d);
            Assert.True(clock.Elapsed < Patience, $"still {d.Kind} {d.Reason} after {Patience.TotalSeconds} s: {service.LastError}");
            await Task.Delay(20);
        }
    }
}
