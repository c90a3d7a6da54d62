using System.Collections.Frozen;
using NeedToKnow.Core.Catalog;

namespace NeedToKnow.Core.Gate;

/// <summary>
/// The catalog facts the gate decides with, compiled for lookups: key rules, API bindings, and each service
/// category's necessary keys. Immutable; build once per catalog.
/// </summary>
public sealed partial class GateRules
{
    private GateRules(FrozenDictionary<string, ResolvedTarget> targets, FrozenDictionary<string, FrozenSet<string>> necessary)
    {
        Targets = targets;
        Necessary = necessary;
    }

    internal FrozenDictionary<string, ResolvedTarget> Targets { get; }

    internal FrozenDictionary<string, FrozenSet<string>> Necessary { get; }

    /// <summary>The number of privacy keys with a rule.</summary>
    public int KeyCount { get; private init; }

    /// <summary>The number of names a request may use for an API (binding ids and unambiguous API texts).</summary>
    public int ApiCount { get; private init; }

    /// <summary>Compiles rules.</summary>
    /// <param name="keys">One rule per privacy key.</param>
    /// <param name="apis">
    /// The catalog's API bindings (<see cref="PrivacyCatalog.Bindings"/>, the only list of them, DESIGN.md); each must name a
    /// key of <paramref name="keys"/>. A binding is found by its <see cref="CatalogEntry.Id"/> and, when no other binding
    /// has the same <see cref="ApiBinding.Api"/> text, by that text too (so a host may send <c>wx.getLocation</c>). It
    /// needs its own scope, else its key's; it needs a gesture when it or its key does. A name already taken by a key or
    /// an earlier binding is not taken again.
    /// </param>
    /// <param name="necessaryKeysByCategory">Per service category id, the keys in its necessary scope (2021 Provisions on the Scope of Necessary Personal Information); categories absent here leave the declared necessary flag as it is.</param>
    /// <param name="uncheckedScopes">Scopes the gate does not check (authorization cancelled or withdrawn by the platform: <c>scope.address</c>, <c>scope.userInfo</c> are "always true", reference §3); null for none.</param>
    /// <returns>The rules.</returns>
    /// <exception cref="ArgumentException">A key appears twice, or a binding names an unknown key.</exception>
    public static GateRules Create(IEnumerable<GateKeyRule> keys, IEnumerable<ApiBinding> apis, IReadOnlyDictionary<string, IReadOnlyCollection<string>>? necessaryKeysByCategory = null,
        IReadOnlyCollection<string>? uncheckedScopes = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(apis);
        var byKey = new Dictionary<string, KeyRule>(StringComparer.Ordinal);
        var defaults = new Dictionary<string, GateKeyRule>(StringComparer.Ordinal);
        var targets = new Dictionary<string, ResolvedTarget>(StringComparer.Ordinal);
        foreach (var k in keys)
        {
            var rule = new KeyRule(k.Key, k.Sensitive, k.NeedsAdmission, k.AllowedEntityTypes is null ? null : [.. k.AllowedEntityTypes], k.RequiresVerified, k.Ancestors is null ? [] : [.. k.Ancestors]);
            if (!byKey.TryAdd(k.Key, rule))
            {
                throw new ArgumentException("privacy key `" + k.Key + "` has two rules", nameof(keys));
            }

            defaults.Add(k.Key, k);
            targets.Add(k.Key, new ResolvedTarget(rule, k.Scope, k.NeedsGesture));
        }

        var bindings = apis.ToList();
        var apiTextCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var b in bindings)
        {
            apiTextCounts[b.Api] = apiTextCounts.GetValueOrDefault(b.Api) + 1;
        }

        var apiCount = 0;
        foreach (var b in bindings)
        {
            if (!byKey.TryGetValue(b.Key, out var rule))
            {
                throw new ArgumentException("api `" + b.Id + "` is bound to unknown privacy key `" + b.Key + "`", nameof(apis));
            }

            var keyDefaults = defaults[b.Key];
            var scope = b.Scope is not null && uncheckedScopes?.Contains(b.Scope) != true ? b.Scope : keyDefaults.Scope;
            var target = new ResolvedTarget(rule, scope, b.NeedsUserGesture || keyDefaults.NeedsGesture);
            if (targets.TryAdd(b.Id, target))
            {
                apiCount++;
            }

            if (apiTextCounts[b.Api] == 1 && targets.TryAdd(b.Api, target))
            {
                apiCount++;
            }
        }

        var necessary = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal);
        if (necessaryKeysByCategory is not null)
        {
            foreach (var (category, set) in necessaryKeysByCategory)
            {
                necessary[category] = set.ToFrozenSet(StringComparer.Ordinal);
            }
        }

        return new GateRules(targets.ToFrozenDictionary(StringComparer.Ordinal), necessary.ToFrozenDictionary(StringComparer.Ordinal))
        {
            KeyCount = byKey.Count,
            ApiCount = apiCount,
        };
    }

    /// <summary>The scope a privacy key needs when asked for by key, or null (none, or not a catalog key).</summary>
    /// <param name="key">The privacy key.</param>
    /// <returns>The scope, e.g. <c>scope.userLocation</c>, or null.</returns>
    public string? ScopeOf(string key) => Targets.TryGetValue(key, out var t) && string.Equals(t.Rule.Key, key, StringComparison.Ordinal) ? t.Scope : null;

    /// <summary>Resolves a request target (API or key) to its key rule; false for a key the catalog does not know (a custom key).</summary>
    internal bool TryResolve(string target, out ResolvedTarget resolved) => Targets.TryGetValue(target, out resolved!);

    /// <summary>Whether a declared-necessary item counts as necessary in the app's service category.</summary>
    internal bool IsNecessary(string? category, string key, bool declaredNecessary) =>
        declaredNecessary && (category is null || !Necessary.TryGetValue(category, out var set) || set.Contains(key));
}

/// <summary>The compiled rule of a catalog key.</summary>
internal sealed record KeyRule(string Key, bool Sensitive, bool NeedsAdmission, string[]? AllowedEntityTypes, bool RequiresVerified, string[] Ancestors);

/// <summary>A request target resolved to its key rule, the scope it needs and whether it needs a gesture.</summary>
internal sealed record ResolvedTarget(KeyRule Rule, string? Scope, bool NeedsGesture);
