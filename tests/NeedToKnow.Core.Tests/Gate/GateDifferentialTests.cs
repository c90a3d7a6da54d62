using NeedToKnow.Core.Consent;
using NeedToKnow.Core.Gate;
using Xunit.Abstractions;

namespace NeedToKnow.Core.Tests.Gate;

/// <summary>
/// The fast gate against the slow reference on seeded random worlds (STYLE.md H14): random apps, versions,
/// admissions, developers and consent histories; requests in time order while the cache follows the ledger.
/// </summary>
public sealed class GateDifferentialTests(ITestOutputHelper output)
{
    private static readonly string[] Targets =
    [
        "wx.getLocation", "wx.getFuzzyLocation", "Location", "button.open-type.getPhoneNumber", "PhoneNumber", "wx.chooseImage",
        "wx.startRecord", "Record", "wx.getClipboardData", "wx.navigateToMiniProgram.Clipboard", "EXOrderInfo", "wx.unknownThing",
    ];

    private static readonly string[] DeclarableKeys = ["Location", "PhoneNumber", "Album", "Record", "Clipboard", "EXOrderInfo"];
    private static readonly string[] Scopes = ["scope.userLocation", "scope.userFuzzyLocation", "scope.record"];
    private static readonly string[] Purposes = ["purpose a", "purpose b"];
    private static readonly DateTimeOffset T0 = new(2026, 7, 12, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Fast_gate_equals_reference_on_random_worlds()
    {
        var compared = 0;
        var batchedCompared = 0;
        var kinds = new Dictionary<(DecisionKind, GateDetail), int>();
        for (var seed = 1; seed <= 120; seed++)
        {
            var rng = new Random(seed);
            var model = RandomModel(rng);
            var events = model.LedgerEvents();
            var snapshot = DeclarationSnapshot.Build(TestRules.Create(), model.LiveApps());
            var cache = new ConsentCache();
            var gate = new PrivacyGate(snapshot, cache, model.GateOptions());
            var requests = Enumerable.Range(0, 150).Select(_ => RandomRequest(rng, model)).OrderBy(r => r.Time).ToList();
            var next = 0;
            foreach (var request in requests)
            {
                while (next < events.Count && events[next].Time <= request.Time)
                {
                    cache.Apply(events[next++]);
                }

                var fast = ReferenceGate.Of(gate.Decide(in request));
                var slow = ReferenceGate.Decide(model, TestRules.Keys, TestRules.Apis, TestRules.Necessary, request, request.Time);
                Assert.True(slow == fast, $"seed {seed}, request {request.AppId}/{request.UserId}/{request.Target} at {request.Time:O}:\n fast {fast}\n slow {slow}");
                kinds[(fast.Kind, fast.Detail)] = kinds.GetValueOrDefault((fast.Kind, fast.Detail)) + 1;
                compared++;
            }

            // The batch path (a prefetch pipeline running up to 12 requests ahead) decides the same as one by one, for the
            // whole list and for batches shorter than the pipeline, at each distance and around it.
            var all = requests.ToArray();
            var batched = new GateDecision[all.Length];
            gate.DecideBatch(all, batched);
            for (var i = 0; i < all.Length; i++)
            {
                Assert.Equal(ReferenceGate.Of(gate.Decide(in all[i])), ReferenceGate.Of(batched[i]));
                Assert.NotEqual(default, batched[i].Id);
            }

            batchedCompared += all.Length;
            if (seed <= 10)
            {
                foreach (var length in (int[])[0, 1, 2, 3, 6, 7, 12, 13, 31, 33])
                {
                    var part = all.AsSpan(seed, length);
                    var partDecisions = new GateDecision[length];
                    gate.DecideBatch(part, partDecisions);
                    for (var i = 0; i < length; i++)
                    {
                        Assert.Equal(ReferenceGate.Of(gate.Decide(in part[i])), ReferenceGate.Of(partDecisions[i]));
                    }
                }
            }
        }

        output.WriteLine($"compared {compared} decisions; outcomes: " + string.Join(", ", kinds.OrderBy(k => k.Key.ToString()).Select(k => $"{k.Key.Item1}/{k.Key.Item2}={k.Value}")));
        Assert.Equal(120 * 150, compared);
        Assert.Equal(120 * 150, batchedCompared);

        // The random worlds must reach every way to decide, or the comparison proves little.
        foreach (var detail in Enum.GetValues<GateDetail>().Where(d => d is not (GateDetail.StoreUnavailable or GateDetail.Exception)))
        {
            Assert.True(kinds.Keys.Any(k => k.Item2 == detail), "no random decision had detail " + detail);
        }
    }

    private static GateModel RandomModel(Random rng)
    {
        var apps = new List<ModelApp>();
        var entityTypes = new[] { "enterprise", "individual", "government" };
        for (var a = 0; a < 4; a++)
        {
            var versions = new List<ModelVersion>();
            var versionCount = rng.Next(1, 4);
            for (var v = 1; v <= versionCount; v++)
            {
                var keys = DeclarableKeys.Where(_ => rng.NextDouble() < 0.6).ToList();
                versions.Add(new ModelVersion
                {
                    Version = v,
                    ServiceCategory = rng.Next(3) switch { 0 => "maps", 1 => "shopping", _ => null },
                    Items = [.. keys.Select(k => new ModelItem(k, Purposes[rng.Next(Purposes.Length)], rng.NextDouble() < 0.5))],
                });
            }

            apps.Add(new ModelApp
            {
                Id = "wx" + a,
                Status = rng.NextDouble() < 0.85 ? AppStatus.Live : (rng.NextDouble() < 0.5 ? AppStatus.Banned : AppStatus.Offline),
                Live = rng.NextDouble() < 0.92 ? rng.Next(1, versionCount + 1) : null,
                Developer = new ModelDeveloper("Dev " + a, entityTypes[rng.Next(entityTypes.Length)], rng.NextDouble() < 0.8),
                Admissions = [.. new[] { "Location", "wx.getFuzzyLocation" }.Where(_ => rng.NextDouble() < 0.7)],
                BannedKeys = rng.NextDouble() < 0.1 ? ["Album"] : [],
                Versions = versions,
            });
        }

        var model = new GateModel
        {
            Apps = apps,
            Options = rng.NextDouble() < 0.3 ? new ModelOptions { DeclarationRefusalCooldownSeconds = 60, OptionalRefusalCooldownHours = 2, ScopeRefusalCooldownSeconds = 3600 } : null,
        };

        var time = T0;
        var events = new List<ModelEvent>();
        for (var i = 0; i < 60; i++)
        {
            time += TimeSpan.FromSeconds(rng.Next(0, 4) switch { 0 => rng.Next(0, 5), 1 => rng.Next(5, 60), 2 => rng.Next(60, 7200), _ => rng.Next(7200, 200_000) });
            var app = apps[rng.Next(apps.Count)];
            var version = app.Versions[rng.Next(app.Versions.Count)];
            var user = "u" + rng.Next(3);
            var kind = (ConsentEventKind)rng.Next(1, 8);
            var keys = kind is ConsentEventKind.DeclarationGranted or ConsentEventKind.DeclarationRefused or ConsentEventKind.Withdrawn
                ? version.Items.Select(x => x.Key).Where(_ => rng.NextDouble() < 0.6).ToList()
                : [];
            events.Add(new ModelEvent
            {
                Kind = kind,
                User = user,
                App = app.Id,
                Time = time,
                Version = kind is ConsentEventKind.DeclarationGranted or ConsentEventKind.DeclarationRefused ? version.Version : 0,
                Keys = keys,
                Scope = kind is ConsentEventKind.ScopeGranted or ConsentEventKind.ScopeRefused or ConsentEventKind.ScopeReEnabled ? Scopes[rng.Next(Scopes.Length)] : null,
                Method = kind == ConsentEventKind.DeclarationGranted && rng.NextDouble() < 0.5 ? ConsentMethod.SeparatePopup : ConsentMethod.PrivacyPopup,
            });
        }

        return model with { Events = events };
    }

    private static GateRequest RandomRequest(Random rng, GateModel model)
    {
        var end = model.Events.Count == 0 ? T0 : model.Events[^1].Time;
        var time = T0 + TimeSpan.FromSeconds(rng.NextDouble() * ((end - T0).TotalSeconds + 3 * 86400));
        var app = rng.NextDouble() < 0.95 ? model.Apps[rng.Next(model.Apps.Count)].Id : "wxnobody";
        return new GateRequest(app, "u" + rng.Next(3), Targets[rng.Next(Targets.Length)], rng.NextDouble() < 0.5, time);
    }
}
