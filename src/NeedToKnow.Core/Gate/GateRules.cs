using System.Collections.Frozen;

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

    /// <summary>The number of API bindings.</summary>
    public int ApiCount { get; private init; }

    /// <summary>Compiles rules.</summary>
    /// <param name="keys">One rule per privacy key.</param>
    /// <param name="apis">The API bindings; each must name a key of <paramref name="keys"/>.</param>
    /// <param name="necessaryKeysByCategory">Per service category id, the keys in its necessary scope (2021 Provisions on the Scope of Necessary Personal Information); categories absent here leave the declared necessary flag as it is.</param>
    /// <returns>The rules.</returns>
    /// <exception cref="ArgumentException">A key or API appears twice, or a binding names an unknown key.</exception>
    public static GateRules Create(IEnumerable<GateKeyRule> keys, IEnumerable<GateApiBinding> apis, IReadOnlyDictionary<string, IReadOnlyCollection<string>>? necessaryKeysByCategory = null)
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

        var apiCount = 0;
        foreach (var a in apis)
        {
            if (!byKey.TryGetValue(a.Key, out var rule))
            {
                throw new ArgumentException("api `" + a.Api + "` is bound to unknown privacy key `" + a.Key + "`", nameof(apis));
            }

            if (!targets.TryAdd(a.Api, new ResolvedTarget(rule, a.Scope ?? defaults[a.Key].Scope, a.NeedsGesture ?? defaults[a.Key].NeedsGesture)))
            {
                throw new ArgumentException("api `" + a.Api + "` is bound twice (or is also a privacy key)", nameof(apis));
            }

            apiCount++;
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
