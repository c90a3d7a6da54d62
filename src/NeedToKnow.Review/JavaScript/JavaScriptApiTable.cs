using System.Collections.Frozen;
using NeedToKnow.Core.Catalog;

namespace NeedToKnow.Review.JavaScript;

/// <summary>
/// The catalog's script-side bindings arranged for the JavaScript analyzer: platform globals, platform functions,
/// context factories and methods, and authorize requests. Built once from <see cref="PrivacyCatalog"/>, which stays
/// the only list of privacy APIs in the product.
/// </summary>
internal sealed class JavaScriptApiTable
{
    private readonly FrozenSet<string> _platforms;
    private readonly FrozenDictionary<string, ApiBinding> _functions;          // "wx\0getLocation"
    private readonly FrozenDictionary<string, ApiBinding> _contextMethods;     // "MapContext\0moveToLocation"
    private readonly FrozenDictionary<string, string> _contextFactories;       // "createMapContext" -> "MapContext"
    private readonly FrozenDictionary<string, ApiBinding> _authorize;          // "wx\0authorize\0scope.record"
    private readonly FrozenSet<string> _authorizeMembers;                      // "wx\0authorize"
    private readonly FrozenSet<string> _memberNames;                           // every member name worth a look

    /// <summary>Builds the table from a catalog.</summary>
    /// <param name="catalog">The catalog; its bindings of kind function, context method and authorize scope are used.</param>
    public JavaScriptApiTable(PrivacyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var platforms = new HashSet<string>(catalog.PlatformNamespaces, StringComparer.Ordinal);
        var functions = new Dictionary<string, ApiBinding>(StringComparer.Ordinal);
        var contextMethods = new Dictionary<string, ApiBinding>(StringComparer.Ordinal);
        var factories = new Dictionary<string, string>(StringComparer.Ordinal);
        var authorize = new Dictionary<string, ApiBinding>(StringComparer.Ordinal);
        var authorizeMembers = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var binding in catalog.Bindings)
        {
            switch (binding.Kind)
            {
                case BindingKind.Function when binding.Member is not null:
                    platforms.Add(binding.Platform);
                    functions.TryAdd(Pair(binding.Platform, binding.Member), binding);
                    names.Add(binding.Member);
                    break;
                case BindingKind.ContextMethod when binding.Member is not null && binding.ContextType is not null:
                    contextMethods.TryAdd(Pair(binding.ContextType, binding.Member), binding);
                    names.Add(binding.Member);
                    if (binding.Factory is not null)
                    {
                        factories.TryAdd(binding.Factory, binding.ContextType);
                        names.Add(binding.Factory);
                    }

                    break;
                case BindingKind.AuthorizeScope when binding.Member is not null && binding.Scope is not null:
                    platforms.Add(binding.Platform);
                    authorize.TryAdd(Pair(binding.Platform, binding.Member) + "\0" + binding.Scope, binding);
                    authorizeMembers.Add(Pair(binding.Platform, binding.Member));
                    names.Add(binding.Member);
                    break;
            }
        }

        _platforms = platforms.ToFrozenSet(StringComparer.Ordinal);
        _functions = functions.ToFrozenDictionary(StringComparer.Ordinal);
        _contextMethods = contextMethods.ToFrozenDictionary(StringComparer.Ordinal);
        _contextFactories = factories.ToFrozenDictionary(StringComparer.Ordinal);
        _authorize = authorize.ToFrozenDictionary(StringComparer.Ordinal);
        _authorizeMembers = authorizeMembers.ToFrozenSet(StringComparer.Ordinal);
        _memberNames = names.ToFrozenSet(StringComparer.Ordinal);
        PlatformNames = [.. _platforms.Order(StringComparer.Ordinal)];
    }

    /// <summary>The table over <see cref="PrivacyCatalog.Default"/>.</summary>
    public static JavaScriptApiTable Default => DefaultTable.Value;

    private static readonly Lazy<JavaScriptApiTable> DefaultTable = new(() => new JavaScriptApiTable(PrivacyCatalog.Default));

    /// <summary>Platform globals (<c>wx</c>, <c>my</c>, <c>tt</c>, <c>swan</c>, <c>qq</c>, <c>uni</c>, <c>Taro</c>), sorted.</summary>
    public IReadOnlyList<string> PlatformNames { get; }

    /// <summary>Whether a name is a platform global.</summary>
    public bool IsPlatform(string name) => _platforms.Contains(name);

    /// <summary>Whether a name is a platform global, without allocating.</summary>
    public bool IsPlatform(ReadOnlySpan<char> name) => _platforms.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name);

    /// <summary>Whether a member name can matter at all (a function, context factory or method, or authorize name).</summary>
    public bool IsMemberOfInterest(string name) => _memberNames.Contains(name);

    /// <summary>Whether a member name can matter at all, without allocating.</summary>
    public bool IsMemberOfInterest(ReadOnlySpan<char> name) => _memberNames.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name);

    /// <summary>The binding of <c>platform.member</c>, when it is a privacy function.</summary>
    public bool TryGetFunction(string platform, string member, out ApiBinding binding) =>
        _functions.TryGetValue(Pair(platform, member), out binding!);

    /// <summary>The context type a factory creates (<c>createMapContext</c> gives <c>MapContext</c>).</summary>
    public bool TryGetContextType(string factory, out string contextType) =>
        _contextFactories.TryGetValue(factory, out contextType!);

    /// <summary>The binding of a context method (<c>MapContext.moveToLocation</c>).</summary>
    public bool TryGetContextMethod(string contextType, string method, out ApiBinding binding) =>
        _contextMethods.TryGetValue(Pair(contextType, method), out binding!);

    /// <summary>Whether <c>platform.member</c> is an authorize function (<c>wx.authorize</c>).</summary>
    public bool IsAuthorize(string platform, string member) => _authorizeMembers.Contains(Pair(platform, member));

    /// <summary>The binding of an authorize request with a literal scope.</summary>
    public bool TryGetAuthorize(string platform, string member, string scope, out ApiBinding binding) =>
        _authorize.TryGetValue(Pair(platform, member) + "\0" + scope, out binding!);

    private static string Pair(string a, string b) => string.Concat(a, "\0", b);
}
