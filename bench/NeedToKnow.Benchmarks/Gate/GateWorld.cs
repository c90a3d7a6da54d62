using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Consent;
using NeedToKnow.Core.Gate;

namespace NeedToKnow.Benchmarks.Gate;

/// <summary>
/// A synthetic platform for the gate benchmarks: <c>apps</c> live apps made from one template (five declared keys,
/// Location and PhoneNumber admitted) and <c>consentRecords</c> cached consent records (user x app states), ten apps
/// per user. Every record grants the five keys separately and Location's scope; Record's scope is granted for even
/// users and refused for odd ones (the deny path). Each record owns its answer arrays, as records loaded from the
/// ledger do, so the memory per record is the real one.
/// </summary>
internal sealed class GateWorld
{
    public const int AppsPerUser = 10;
    private static readonly string[] DeclaredKeys = ["Location", "Album", "Record", "Clipboard", "PhoneNumber"];
    private static readonly DateTimeOffset T = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string[] _appIds;

    private GateWorld(PrivacyGate gate, string[] appIds, int users, double bytesPerRecord)
    {
        Gate = gate;
        _appIds = appIds;
        Users = users;
        BytesPerRecord = bytesPerRecord;
    }

    public PrivacyGate Gate { get; }

    public int Users { get; }

    /// <summary>Managed heap bytes per cached consent record, measured with <see cref="GC.GetTotalMemory(bool)"/> around filling the cache.</summary>
    public double BytesPerRecord { get; }

    public static GateWorld Build(int apps, int consentRecords)
    {
        var rules = GateRules.FromCatalog(PrivacyCatalog.Default);
        var developer = new DeveloperInfo("Bench Developer Ltd.", "organisation", true);
        var items = DeclaredKeys.Select(k => new DeclaredItem(k, "purpose of " + k, true)).ToArray();
        var appIds = new string[apps];
        var live = new List<LiveAppDeclaration>(apps);
        for (var i = 0; i < apps; i++)
        {
            appIds[i] = "wx" + i.ToString("D16", System.Globalization.CultureInfo.InvariantCulture);
            var version = new DeclarationVersion(appIds[i], 1, items, null, DateTimeOffset.UnixEpoch);
            live.Add(new LiveAppDeclaration(new AppRecord(appIds[i], AppStatus.Live, 1, developer, ["Location", "PhoneNumber"], []), version));
        }

        var snapshot = DeclarationSnapshot.Build(rules, live);
        live.Clear();
        var keys = DeclaredKeys.Select(k => new KeyConsent(k, ConsentStatus.Granted, PurposeHash.Of("purpose of " + k), true, 1, T)).ToArray();
        ScopeConsent[] scopesEven = [new("scope.userLocation", ConsentStatus.Granted, T), new("scope.record", ConsentStatus.Granted, T)];
        ScopeConsent[] scopesOdd = [new("scope.userLocation", ConsentStatus.Granted, T), new("scope.record", ConsentStatus.Refused, T)];
        var users = Math.Max(1, consentRecords / AppsPerUser);
        var before = GC.GetTotalMemory(true);
        var latency = System.Runtime.GCSettings.LatencyMode;
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.SustainedLowLatency; // fewer blocking full GCs while filling
        var cache = new ConsentCache(users);
        cache.EnsureCapacity((long)users * AppsPerUser); // bulk load: the table is sized once, no resize while filling
        for (var u = 0; u < users; u++)
        {
            var user = UserId(u);
            for (var j = 0; j < AppsPerUser; j++)
            {
                // ConsentState copies the arrays: every record owns its answers.
                cache.Set(new ConsentState(user, appIds[AppOf(u, j, apps)], keys, (u & 1) == 0 ? scopesEven : scopesOdd, u));
            }
        }

        System.Runtime.GCSettings.LatencyMode = latency;
        var after = GC.GetTotalMemory(true);
        var perRecord = (double)(after - before) / cache.Count;
        return new GateWorld(new PrivacyGate(snapshot, cache), appIds, users, perRecord);
    }

    /// <summary>The app of a user's <paramref name="j"/>-th record: spread over all apps, distinct for one user while there are at least ten apps.</summary>
    public static int AppOf(int user, int j, int apps) => (int)(((long)user * 7919 + (long)j * 104729) % apps);

    public static string UserId(int u) => "o" + u.ToString("D27", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="count"/> requests of one kind over random users and their apps, with fresh string instances as a
    /// host request would carry. <c>allow</c>: wx.getLocation; <c>notDeclared</c>: wx.getWeRunData (deny 112);
    /// <c>scopeRefused</c>: wx.startRecord by an odd user (deny 103).
    /// </summary>
    public GateRequest[] Requests(string kind, int count, int seed)
    {
        var rng = new Random(seed);
        var when = T.AddDays(1);
        var requests = new GateRequest[count];
        for (var i = 0; i < count; i++)
        {
            // Odd users refused Record's scope.
            var u = kind == "scopeRefused" ? (2 * rng.Next(Users / 2)) + 1 : rng.Next(Users);
            var app = _appIds[AppOf(u, rng.Next(AppsPerUser), _appIds.Length)];
            var target = kind switch
            {
                "allow" => "wx.getLocation",
                "notDeclared" => "wx.getWeRunData",
                "scopeRefused" => "wx.startRecord",
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "allow, notDeclared or scopeRefused"),
            };
            requests[i] = new GateRequest(new string(app), new string(UserId(u)), new string(target), true, when);
        }

        var (expectKind, expectReason) = kind switch
        {
            "allow" => (DecisionKind.Allow, GateReason.None),
            "notDeclared" => (DecisionKind.Deny, GateReason.NotDeclared),
            _ => (DecisionKind.Deny, GateReason.ScopeDenied),
        };
        foreach (ref readonly var r in requests.AsSpan())
        {
            var d = Gate.Decide(in r);
            if (d.Kind != expectKind || d.Reason != expectReason)
            {
                throw new InvalidOperationException($"benchmark setup: expected {expectKind}/{expectReason} for {r.AppId}/{r.UserId}/{r.Target}, got {d.Kind}/{d.Reason}/{d.Detail}");
            }
        }

        return requests;
    }

    /// <summary>The same requests through <see cref="PrivacyGate.DecideBatch"/> (one call for the whole array).</summary>
    public static int RunBatch(PrivacyGate gate, GateRequest[] requests, GateDecision[] decisions)
    {
        gate.DecideBatch(requests, decisions);
        var sum = 0;
        for (var i = 0; i < decisions.Length; i++)
        {
            sum += (int)decisions[i].Kind;
        }

        return sum;
    }

    public static int Run(PrivacyGate gate, GateRequest[] requests)
    {
        var sum = 0;
        for (var i = 0; i < requests.Length; i++)
        {
            sum += (int)gate.Decide(in requests[i]).Kind;
        }

        return sum;
    }
}
