using BenchmarkDotNet.Attributes;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Consent;
using NeedToKnow.Core.Gate;

namespace NeedToKnow.Benchmarks;

/// <summary>
/// One gate decision with warm caches, on the allow path and two deny paths, for 1,000 and 1,000,000 apps and
/// 10,000 and 10,000,000 cached consent records (user x app states), to show that decision time is flat in both.
/// Each operation decides a batch of 1,024 requests spread over random users and apps (so the caches are not
/// trivially hot), reported per decision.
/// </summary>
[MemoryDiagnoser]
public class GateDecisionBenchmark
{
    private const int Batch = 1024;
    private const int AppsPerUser = 10;
    private static readonly string[] DeclaredKeys = ["Location", "Album", "Record", "Clipboard", "PhoneNumber"];
    private PrivacyGate _gate = null!;
    private GateRequest[] _allow = null!;
    private GateRequest[] _denyNotDeclared = null!;
    private GateRequest[] _denyScopeRefused = null!;

    [Params(1_000, 1_000_000)]
    public int Apps { get; set; }

    [Params(10_000, 10_000_000)]
    public int ConsentRecords { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rules = GateRules.FromCatalog(PrivacyCatalog.Default);
        var developer = new DeveloperInfo("Bench Developer Ltd.", "organisation", true);
        var items = DeclaredKeys.Select(k => new DeclaredItem(k, "purpose of " + k, true)).ToArray();
        var appIds = new string[Apps];
        var apps = new List<LiveAppDeclaration>(Apps);
        for (var i = 0; i < Apps; i++)
        {
            appIds[i] = "wx" + i.ToString("D16", System.Globalization.CultureInfo.InvariantCulture);
            // Apps made from one template share their compiled declaration (as the snapshot does for templates).
            var version = new DeclarationVersion(appIds[i], 1, items, null, DateTimeOffset.UnixEpoch);
            apps.Add(new LiveAppDeclaration(new AppRecord(appIds[i], AppStatus.Live, 1, developer, ["Location", "PhoneNumber"], []), version));
        }

        var snapshot = DeclarationSnapshot.Build(rules, apps);
        apps.Clear();

        // Every consent record: the five keys granted separately, Location's and Record's scopes granted, except that
        // Record's scope is refused for odd users (the deny path). Records share their immutable answer arrays.
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var keys = DeclaredKeys.Select(k => new KeyConsent(k, ConsentStatus.Granted, PurposeHash.Of("purpose of " + k), true, 1, t)).ToArray();
        ScopeConsent[] scopesEven = [new("scope.userLocation", ConsentStatus.Granted, t), new("scope.record", ConsentStatus.Granted, t)];
        ScopeConsent[] scopesOdd = [new("scope.userLocation", ConsentStatus.Granted, t), new("scope.record", ConsentStatus.Refused, t)];
        var users = ConsentRecords / AppsPerUser;
        var cache = new ConsentCache(users);
        for (var u = 0; u < users; u++)
        {
            var user = UserId(u);
            for (var j = 0; j < AppsPerUser; j++)
            {
                cache.Set(new ConsentState(user, appIds[AppOf(u, j)], keys, (u & 1) == 0 ? scopesEven : scopesOdd, 0));
            }
        }

        _gate = new PrivacyGate(snapshot, cache);
        var rng = new Random(42);
        _allow = new GateRequest[Batch];
        _denyNotDeclared = new GateRequest[Batch];
        _denyScopeRefused = new GateRequest[Batch];
        var when = t.AddDays(1);
        for (var i = 0; i < Batch; i++)
        {
            var u = rng.Next(users);
            var app = appIds[AppOf(u, rng.Next(AppsPerUser))];
            // Fresh string instances, as a host request would carry.
            _allow[i] = new GateRequest(new string(app), UserId(u), "wx.getLocation", true, when);
            _denyNotDeclared[i] = new GateRequest(new string(app), UserId(u), "wx.getWeRunData", true, when);
            var odd = u | 1;
            _denyScopeRefused[i] = new GateRequest(appIds[AppOf(odd % users, 0)], UserId(odd % users), "wx.startRecord", true, when);
        }

        Check(_allow, DecisionKind.Allow, GateReason.None);
        Check(_denyNotDeclared, DecisionKind.Deny, GateReason.NotDeclared);
        Check(_denyScopeRefused, DecisionKind.Deny, GateReason.ScopeDenied);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Allow() => Run(_allow);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int DenyNotDeclared() => Run(_denyNotDeclared);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int DenyScopeRefused() => Run(_denyScopeRefused);

    private int Run(GateRequest[] requests)
    {
        var gate = _gate;
        var sum = 0;
        for (var i = 0; i < requests.Length; i++)
        {
            sum += (int)gate.Decide(in requests[i]).Kind;
        }

        return sum;
    }

    private int AppOf(int user, int j) => (int)(((long)user * 7919 + (long)j * 104729) % Apps);

    private static string UserId(int u) => "o" + u.ToString("D27", System.Globalization.CultureInfo.InvariantCulture);

    private void Check(GateRequest[] requests, DecisionKind kind, GateReason reason)
    {
        foreach (ref readonly var r in requests.AsSpan())
        {
            var d = _gate.Decide(in r);
            if (d.Kind != kind || d.Reason != reason)
            {
                throw new InvalidOperationException($"benchmark setup: expected {kind}/{reason} for {r.AppId}/{r.UserId}/{r.Target}, got {d.Kind}/{d.Reason}/{d.Detail}");
            }
        }
    }
}
