using NeedToKnow.Core.Catalog;

namespace NeedToKnow.Core.Gate;

/// <summary>Building the gate's rules from the privacy catalog, the only list of keys and API bindings (DESIGN.md).</summary>
public sealed partial class GateRules
{
    /// <summary>
    /// Compiles the gate's rules from a catalog: every privacy key (sensitivity, default scope, admission, allowed
    /// developer entities, verification, gesture, ancestors), every API binding by its id and, where unambiguous, by
    /// its API text (so a host may send <c>wx.getLocation</c> or <c>wxml:button[open-type=getPhoneNumber]</c>), and the
    /// necessary keys of every service category. Scopes whose authorization the platform cancelled or withdrew
    /// (<c>scope.address</c>, <c>scope.userInfo</c>: "always true", reference §3) are not checked.
    /// </summary>
    /// <param name="catalog">The catalog, usually <see cref="PrivacyCatalog.Default"/>.</param>
    /// <returns>The rules.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    public static GateRules FromCatalog(PrivacyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        string? ActiveScope(string? scope) =>
            scope is not null && catalog.TryGetScope(scope, out var s) && s.Status != ScopeStatus.Active ? null : scope;

        var keys = new List<GateKeyRule>(catalog.Keys.Count);
        foreach (var k in catalog.Keys)
        {
            keys.Add(new GateKeyRule(k.Id, k.Sensitivity == Sensitivity.Sensitive, ActiveScope(k.Scope), k.NeedsAdmission, EntityNames(k.AllowedEntities),
                k.RequiresVerifiedDeveloper, k.NeedsUserGesture, catalog.GetAncestors(k.Id)));
        }

        var necessary = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        foreach (var c in catalog.ServiceCategories)
        {
            necessary[c.Id] = [.. c.NecessaryKeys];
        }

        var uncheckedScopes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in catalog.Scopes)
        {
            if (s.Status != ScopeStatus.Active)
            {
                uncheckedScopes.Add(s.Id);
            }
        }

        return Create(keys, catalog.Bindings, necessary, uncheckedScopes);
    }

    private static string[]? EntityNames(DeveloperEntityTypes allowed)
    {
        if ((allowed & DeveloperEntityTypes.All) == DeveloperEntityTypes.All)
        {
            return null;
        }

        var names = new List<string>();
        if (allowed.HasFlag(DeveloperEntityTypes.Organisation))
        {
            names.AddRange(["organisation", "organization", "enterprise"]);
        }

        if (allowed.HasFlag(DeveloperEntityTypes.Individual))
        {
            names.Add("individual");
        }

        if (allowed.HasFlag(DeveloperEntityTypes.Government))
        {
            names.Add("government");
        }

        return [.. names];
    }
}
