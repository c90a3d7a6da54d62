using System.Collections.Frozen;

namespace NeedToKnow.Core.Catalog;

/// <summary>
/// The one list of privacy keys, API bindings, authorization scopes, service categories and reason codes that the
/// reviewer, the gate and the dashboard read (DESIGN.md "Data the project ships"). Immutable and thread-safe: every
/// lookup is an O(1) read of frozen dictionaries built once at load, and key hierarchies (a declaration of a parent
/// key covers its descendants) are resolved at load (STYLE.md H18).
/// </summary>
/// <remarks>
/// The default catalog is the JSON embedded in this assembly (Catalog/Data/*.json). An operator can override it with
/// one file through <see cref="Load(string, string)"/>: rows with a known id replace the default row, new ids are
/// added, and the merged catalog is validated before use.
/// </remarks>
public sealed partial class PrivacyCatalog
{
    /// <summary>Largest override document <see cref="Load(string, string)"/> accepts, in UTF-16 code units (8 Mi); a named limit (STYLE.md H10).</summary>
    public const int MaxOverrideLength = 8 * 1024 * 1024;

    /// <summary>Largest override file worth reading, in bytes: UTF-8 takes at most 3 bytes per UTF-16 code unit.</summary>
    public const long MaxOverrideFileBytes = 3L * MaxOverrideLength;

    /// <summary>The embedded data files, in load order; their names appear in diagnostics.</summary>
    internal static readonly string[] DataFiles = ["privacy-keys.json", "scopes.json", "api-bindings.json", "service-categories.json", "reason-codes.json"];

    private static readonly Lazy<PrivacyCatalog> DefaultCatalog = new(() => Build(null, null), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly FrozenDictionary<string, PrivacyKey> _keys;
    private readonly FrozenDictionary<string, ApiBinding> _bindings;
    private readonly FrozenDictionary<string, Scope> _scopes;
    private readonly FrozenDictionary<string, ServiceCategory> _categories;
    private readonly FrozenDictionary<string, ServiceCategory> _categoriesByNameZh;
    private readonly FrozenDictionary<string, ReasonCode> _reasons;
    private readonly FrozenDictionary<string, string[]> _ancestors;
    private readonly FrozenDictionary<(string Platform, string Member), ApiBinding> _functions;
    private readonly FrozenDictionary<(string ContextType, string Method), ApiBinding> _contextMethods;
    private readonly FrozenDictionary<string, string> _contextFactories;
    private readonly FrozenDictionary<string, ApiBinding[]> _components;
    private readonly FrozenDictionary<(string Attribute, string Value), ApiBinding[]> _attributes;
    private readonly FrozenDictionary<(string Platform, string Member, string Scope), ApiBinding> _authorize;
    private readonly FrozenDictionary<string, ApiBinding[]> _bindingsByScope;
    private readonly FrozenDictionary<string, ApiBinding[]> _bindingsByKey;

    internal PrivacyCatalog(
        IReadOnlyList<PrivacyKey> keys,
        IReadOnlyList<ApiBinding> bindings,
        IReadOnlyList<Scope> scopes,
        IReadOnlyList<ServiceCategory> categories,
        IReadOnlyList<ReasonCode> reasons,
        Dictionary<string, string[]> ancestors)
    {
        Keys = keys.ToArray();
        Bindings = bindings.ToArray();
        Scopes = scopes.ToArray();
        ServiceCategories = categories.OrderBy(c => c.Number).ToArray();
        ReasonCodes = reasons.ToArray();
        _keys = keys.ToFrozenDictionary(k => k.Id, StringComparer.Ordinal);
        _bindings = bindings.ToFrozenDictionary(b => b.Id, StringComparer.Ordinal);
        _scopes = scopes.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
        _categories = categories.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
        _categoriesByNameZh = categories.GroupBy(c => c.NameZh, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _reasons = reasons.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);
        _ancestors = ancestors.ToFrozenDictionary(StringComparer.Ordinal);

        var conflicts = new List<(string, string)>();
        var functions = new Dictionary<(string, string), ApiBinding>();
        var contextMethods = new Dictionary<(string, string), ApiBinding>();
        var factories = new Dictionary<string, string>(StringComparer.Ordinal);
        var authorize = new Dictionary<(string, string, string), ApiBinding>();
        foreach (var b in bindings)
        {
            switch (b.Kind)
            {
                case BindingKind.Function:
                    AddUnique(functions, (b.Platform, b.Member!), b, conflicts);
                    break;
                case BindingKind.ContextMethod:
                    AddUnique(contextMethods, (b.ContextType!, b.Member!), b, conflicts);
                    factories.TryAdd(b.Factory!, b.ContextType!);
                    break;
                case BindingKind.AuthorizeScope:
                    AddUnique(authorize, (b.Platform, b.Member!, b.Scope!), b, conflicts);
                    break;
            }
        }

        Conflicts = conflicts;
        _functions = functions.ToFrozenDictionary();
        _contextMethods = contextMethods.ToFrozenDictionary();
        _contextFactories = factories.ToFrozenDictionary(StringComparer.Ordinal);
        _authorize = authorize.ToFrozenDictionary();
        _components = bindings.Where(b => b.Kind == BindingKind.Component)
            .GroupBy(b => b.Tag!, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _attributes = bindings.Where(b => b.Kind == BindingKind.Attribute)
            .GroupBy(b => (b.Attribute!, b.Value!)).ToFrozenDictionary(g => g.Key, g => g.ToArray());
        _bindingsByScope = bindings.Where(b => b.Scope is not null)
            .GroupBy(b => b.Scope!, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _bindingsByKey = bindings.GroupBy(b => b.Key, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        PlatformNamespaces = bindings.Where(b => b.Kind is BindingKind.Function or BindingKind.AuthorizeScope)
            .Select(b => b.Platform).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The catalog embedded in NeedToKnow.Core, loaded and validated once on first use.</summary>
    /// <exception cref="CatalogException">The embedded data is broken (a build defect; tests prevent it).</exception>
    public static PrivacyCatalog Default => DefaultCatalog.Value;

    /// <summary>Every privacy key, in data order.</summary>
    public IReadOnlyList<PrivacyKey> Keys { get; }

    /// <summary>Every API binding, in data order.</summary>
    public IReadOnlyList<ApiBinding> Bindings { get; }

    /// <summary>Every authorization scope, in data order.</summary>
    public IReadOnlyList<Scope> Scopes { get; }

    /// <summary>Every service category, by Article 5 number.</summary>
    public IReadOnlyList<ServiceCategory> ServiceCategories { get; }

    /// <summary>Every reason code and rule id, in data order.</summary>
    public IReadOnlyList<ReasonCode> ReasonCodes { get; }

    /// <summary>The platform namespaces that have bindings: <c>wx</c>, <c>my</c>, <c>tt</c>, <c>swan</c>, <c>qq</c>, <c>uni</c>, <c>Taro</c>.</summary>
    public IReadOnlySet<string> PlatformNamespaces { get; }

    /// <summary>Binding lookups that two rows claim (filled during construction; the loader turns them into errors).</summary>
    internal IReadOnlyList<(string Message, string BindingId)> Conflicts { get; }

    /// <summary>
    /// Loads an operator's override over the embedded catalog: rows whose id is known replace the default row, new
    /// ids are added, and the merged catalog is validated (STYLE.md H17): unique ids within the file, known keys and
    /// scopes in bindings and categories, existing parents without cycles, <c>deprecatedIn</c> not before
    /// <c>addedIn</c>, <c>replacedBy</c> only on deprecated rows and naming an existing row.
    /// </summary>
    /// <param name="json">The override document: a JSON object with any of the arrays <c>keys</c>, <c>bindings</c>, <c>scopes</c>, <c>serviceCategories</c>, <c>reasonCodes</c>; at most 8 Mi characters.</param>
    /// <param name="sourceName">The name diagnostics give for the document, e.g. its file path.</param>
    /// <returns>The merged, validated catalog.</returns>
    /// <exception cref="CatalogException">The document is not valid JSON or breaks an invariant; its diagnostics say where and why.</exception>
    public static PrivacyCatalog Load(string json, string sourceName = "catalog.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);
        return Build(json, sourceName);
    }

    private static PrivacyCatalog Build(string? overrideJson, string? overrideName)
    {
        var loader = new CatalogLoader();
        foreach (var file in DataFiles)
        {
            loader.AddDocument(ReadEmbedded(file), file);
        }

        if (overrideJson is not null)
        {
            loader.AddDocument(overrideJson, overrideName!);
        }

        return loader.Build();
    }

    /// <summary>Reads one embedded data file as text.</summary>
    internal static string ReadEmbedded(string file)
    {
        var assembly = typeof(PrivacyCatalog).Assembly;
        using var stream = assembly.GetManifestResourceStream("NeedToKnow.Core.Catalog.Data." + file)
            ?? throw new InvalidOperationException("embedded catalog file `" + file + "` is missing from " + assembly.GetName().Name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void AddUnique<TKey>(Dictionary<TKey, ApiBinding> map, TKey key, ApiBinding binding, List<(string, string)> conflicts)
        where TKey : notnull
    {
        if (!map.TryAdd(key, binding))
        {
            conflicts.Add(("bindings `" + map[key].Id + "` and `" + binding.Id + "` match the same construct `" + binding.Api + "`", binding.Id));
        }
    }

}
