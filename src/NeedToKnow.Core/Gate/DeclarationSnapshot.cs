using NeedToKnow.Core.Consent;

namespace NeedToKnow.Core.Gate;

/// <summary>
/// An immutable snapshot of every app's registry record and live declaration, compiled for the gate: one probe of a
/// flat hash table finds the app, a short scan finds the item. Built in the background from an
/// <see cref="IDeclarationStore"/>; swapped atomically when declarations change.
/// </summary>
/// <remarks>
/// Apps that share the same declaration item list, developer and version (templates) share their compiled items.
/// Apps with equal admission or banned-key lists share one array. Memory: about 180 bytes per app (the compiled entry,
/// a copy of its id kept beside it, up to 32 bytes of table) plus about 80 bytes per declared item that is not shared.
/// </remarks>
public sealed class DeclarationSnapshot
{
    private readonly AppTable _apps;

    private DeclarationSnapshot(GateRules rules, Dictionary<string, AppEntry> apps, long revision)
    {
        Rules = rules;
        _apps = new AppTable(apps.Values);
        Revision = revision;
    }

    /// <summary>The catalog rules the snapshot was compiled with.</summary>
    public GateRules Rules { get; }

    /// <summary>The highest <see cref="AppRecord.Revision"/> folded in; the next refresh reads changes after it.</summary>
    public long Revision { get; }

    /// <summary>The number of apps.</summary>
    public int AppCount => _apps.Count;

    /// <summary>An empty snapshot: every request is denied with 1025.</summary>
    /// <param name="rules">The catalog rules.</param>
    /// <returns>The snapshot.</returns>
    public static DeclarationSnapshot Empty(GateRules rules) => new(rules, new Dictionary<string, AppEntry>(StringComparer.Ordinal), 0);

    /// <summary>Compiles a snapshot.</summary>
    /// <param name="rules">The catalog rules.</param>
    /// <param name="apps">Every app with its live declaration; a later entry for the same app id replaces an earlier one.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentException">A live declaration belongs to another app, or declares a key twice.</exception>
    public static DeclarationSnapshot Build(GateRules rules, IEnumerable<LiveAppDeclaration> apps)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(apps);
        var map = new Dictionary<string, AppEntry>(StringComparer.Ordinal);
        var shared = new Dictionary<SharedKey, ItemEntry[]>();
        var lists = new Dictionary<string, string[]>(StringComparer.Ordinal);
        long revision = 0;
        foreach (var a in apps)
        {
            map[a.App.AppId] = Compile(rules, a, shared, lists);
            revision = Math.Max(revision, a.App.Revision);
        }

        return new DeclarationSnapshot(rules, map, revision);
    }

    /// <summary>A new snapshot with <paramref name="changes"/> applied on top of this one (copy on write).</summary>
    /// <param name="changes">Changed apps with their live declarations.</param>
    /// <returns>The new snapshot; this one is unchanged.</returns>
    /// <exception cref="ArgumentException">A live declaration belongs to another app, or declares a key twice.</exception>
    public DeclarationSnapshot With(IEnumerable<LiveAppDeclaration> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var map = new Dictionary<string, AppEntry>(_apps.Count, StringComparer.Ordinal);
        foreach (var app in _apps.Apps)
        {
            map[app.AppId] = app;
        }

        var shared = new Dictionary<SharedKey, ItemEntry[]>();
        var lists = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var revision = Revision;
        foreach (var a in changes)
        {
            map[a.App.AppId] = Compile(Rules, a, shared, lists);
            revision = Math.Max(revision, a.App.Revision);
        }

        return new DeclarationSnapshot(Rules, map, revision);
    }

    /// <summary>The app table (the gate's batches prefetch its slots).</summary>
    internal AppTable Apps => _apps;

    internal bool TryGetApp(string appId, out AppEntry app) => _apps.TryGet(appId, ConsentCache.HashId(appId), out app!);

    private static AppEntry Compile(GateRules rules, LiveAppDeclaration a, Dictionary<SharedKey, ItemEntry[]> shared, Dictionary<string, string[]> lists)
    {
        var app = a.App;
        var live = a.Live;
        if (live is not null && !string.Equals(live.AppId, app.AppId, StringComparison.Ordinal))
        {
            throw new ArgumentException("the live declaration of app `" + app.AppId + "` belongs to app `" + live.AppId + "`", nameof(a));
        }

        ItemEntry[] items = [];
        if (live is not null)
        {
            var key = new SharedKey(live.Items, app.Developer, live.Version, live.ServiceCategory);
            if (!shared.TryGetValue(key, out items!))
            {
                items = new ItemEntry[live.Items.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    var d = live.Items[i];
                    for (var j = 0; j < i; j++)
                    {
                        if (items[j].Key == d.Key)
                        {
                            throw new ArgumentException("app `" + app.AppId + "` declares key `" + d.Key + "` twice in version " + live.Version, nameof(a));
                        }
                    }

                    var resolved = rules.TryResolve(d.Key, out var t) ? t : null;
                    var canonicalKey = resolved?.Rule.Key ?? d.Key;
                    items[i] = new ItemEntry(canonicalKey, d.Purpose, PurposeHash.Of(d.Purpose), rules.IsNecessary(live.ServiceCategory, d.Key, d.Necessary),
                        resolved?.Rule.Sensitive ?? false, app.Developer.Name, live.Version);
                }

                shared[key] = items;
            }
        }

        var status = live is null ? AppStatus.Offline : app.Status;
        var ordinal = AppOrdinals.Get(app.AppId);
        var admissions = SharedList(rules, app.Admissions, lists);
        var banned = SharedList(rules, app.BannedKeys, lists);

        // A copy of the id, allocated just before the entry so that the lookup's id comparison reads memory next to it
        // (one cache miss for both instead of two on large platforms).
        var id = new string(app.AppId);
        return new AppEntry(id, ConsentCache.HashId(id), ordinal, status, live?.Version ?? 0, app.Developer.EntityType, app.Developer.Verified, admissions, banned, items);
    }

    /// <summary>
    /// The canonical form of an admission or banned-key list, one array per distinct list: apps mostly share a few
    /// lists, so the gate reads a shared (usually cached) array instead of one per app, and memory is saved.
    /// </summary>
    private static string[] SharedList(GateRules rules, IReadOnlyList<string> values, Dictionary<string, string[]> lists)
    {
        if (values.Count == 0)
        {
            return [];
        }

        string[] canonical = [.. values.Select(x => Canonical(rules, x))];
        var key = string.Concat(canonical.Select(v => v.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + v)); // unambiguous: length-prefixed
        if (!lists.TryGetValue(key, out var list))
        {
            list = canonical;
            lists[key] = list;
        }

        return list;
    }

    /// <summary>The catalog's own instance of a key string equal to <paramref name="value"/>, so the gate's scans match by reference first.</summary>
    private static string Canonical(GateRules rules, string value) =>
        rules.TryResolve(value, out var t) && string.Equals(t.Rule.Key, value, StringComparison.Ordinal) ? t.Rule.Key : value;

    private readonly record struct SharedKey(IReadOnlyList<DeclaredItem> Items, DeveloperInfo Developer, int Version, string? Category)
    {
        public bool Equals(SharedKey other) => ReferenceEquals(Items, other.Items) && ReferenceEquals(Developer, other.Developer) && Version == other.Version && Category == other.Category;

        public override int GetHashCode() => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Items), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Developer), Version);
    }
}

/// <summary>One app compiled for the gate.</summary>
internal sealed class AppEntry(string appId, ulong hash, int ordinal, AppStatus status, int version, string entityType, bool verified, string[] admissions, string[] bannedKeys, ItemEntry[] items)
{
    public string AppId { get; } = appId;

    /// <summary><see cref="ConsentCache.HashId"/> of <see cref="AppId"/>.</summary>
    public ulong Hash { get; } = hash;

    public int Ordinal { get; } = ordinal;

    public AppStatus Status { get; } = status;

    public int Version { get; } = version;

    public string EntityType { get; } = entityType;

    public bool Verified { get; } = verified;

    public string[] Admissions { get; } = admissions;

    public string[] BannedKeys { get; } = bannedKeys;

    public ItemEntry[] Items { get; } = items;

    public bool IsBanned(string key) => Contains(BannedKeys, key);

    public bool Admits(string target, string key) => Contains(Admissions, key) || Contains(Admissions, target);

    public ItemEntry? FindItem(string key)
    {
        var items = Items;
        for (var i = 0; i < items.Length; i++)
        {
            var k = items[i].Key;
            if (ReferenceEquals(k, key) || string.Equals(k, key, StringComparison.Ordinal))
            {
                return items[i];
            }
        }

        return null;
    }

    internal static bool Contains(string[] values, string value)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (ReferenceEquals(values[i], value) || string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>One declared item compiled for the gate; prompts are built on first use and kept.</summary>
internal sealed class ItemEntry(string key, string purpose, PurposeHash purposeHash, bool necessary, bool sensitive, string developerName, int version)
{
    private PromptContent? _declarationPrompt;
    private PromptContent?[]? _scopePrompts;

    public string Key { get; } = key;

    public string Purpose { get; } = purpose;

    public PurposeHash PurposeHash { get; } = purposeHash;

    public bool Necessary { get; } = necessary;

    public bool Sensitive { get; } = sensitive;

    public PromptContent DeclarationPrompt =>
        _declarationPrompt ??= new PromptContent(PromptKind.DeclarationConsent, Key, Purpose, developerName, null, Sensitive, Necessary, version);

    public PromptContent ScopePrompt(string scope)
    {
        // A key has at most a handful of scopes (Location has three); a benign race only builds a prompt twice.
        var prompts = _scopePrompts ??= new PromptContent?[4];
        for (var i = 0; i < prompts.Length; i++)
        {
            var p = prompts[i];
            if (p is null)
            {
                p = new PromptContent(PromptKind.ScopeAuthorization, Key, Purpose, developerName, scope, Sensitive, Necessary, version);
                prompts[i] = p;
                return p;
            }

            if (ReferenceEquals(p.Scope, scope) || string.Equals(p.Scope, scope, StringComparison.Ordinal))
            {
                return p;
            }
        }

        return new PromptContent(PromptKind.ScopeAuthorization, Key, Purpose, developerName, scope, Sensitive, Necessary, version);
    }
}
