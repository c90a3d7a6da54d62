using System.Diagnostics.CodeAnalysis;

namespace NeedToKnow.Core.Catalog;

public sealed partial class PrivacyCatalog
{
    /// <summary>Finds a privacy key by id (ordinal, case-sensitive, e.g. <c>Location</c>).</summary>
    /// <param name="id">The key id.</param>
    /// <param name="key">The key, when found.</param>
    /// <returns>Whether the catalog defines the key.</returns>
    public bool TryGetKey(string id, [NotNullWhen(true)] out PrivacyKey? key) => _keys.TryGetValue(id, out key);

    /// <summary>Finds a binding by its id (e.g. <c>wx.getLocation</c>, <c>wxml:camera</c>).</summary>
    /// <param name="id">The binding id.</param>
    /// <param name="binding">The binding, when found.</param>
    /// <returns>Whether it exists.</returns>
    public bool TryGetBinding(string id, [NotNullWhen(true)] out ApiBinding? binding) => _bindings.TryGetValue(id, out binding);

    /// <summary>Finds the binding of a platform function, e.g. (<c>wx</c>, <c>getLocation</c>) or (<c>my</c>, <c>getAuthCode</c>).</summary>
    /// <param name="platform">The platform namespace as written in code (<c>wx</c>, <c>my</c>, <c>tt</c>, <c>swan</c>, <c>qq</c>, <c>uni</c>, <c>Taro</c>).</param>
    /// <param name="member">The member name.</param>
    /// <param name="binding">The binding, when the member is a privacy API.</param>
    /// <returns>Whether the member is a privacy API of that platform.</returns>
    public bool TryGetFunction(string platform, string member, [NotNullWhen(true)] out ApiBinding? binding) =>
        _functions.TryGetValue((platform, member), out binding);

    /// <summary>Finds the binding of a context method, e.g. (<c>MapContext</c>, <c>moveToLocation</c>).</summary>
    /// <param name="contextType">The context type, as the typings name it.</param>
    /// <param name="method">The method name.</param>
    /// <param name="binding">The binding; its <see cref="ApiBinding.Factory"/> names the function that creates the context.</param>
    /// <returns>Whether the method is a privacy API.</returns>
    public bool TryGetContextMethod(string contextType, string method, [NotNullWhen(true)] out ApiBinding? binding) =>
        _contextMethods.TryGetValue((contextType, method), out binding);

    /// <summary>
    /// Finds which context type a platform factory creates, when that context has privacy methods: <c>createMapContext</c>
    /// gives <c>MapContext</c>, <c>getRecorderManager</c> gives <c>RecorderManager</c>. Factory names are the same in
    /// every namespace that mirrors <c>wx</c>.
    /// </summary>
    /// <param name="factory">The factory's member name.</param>
    /// <param name="contextType">The context type.</param>
    /// <returns>Whether the factory creates a context with privacy methods.</returns>
    public bool TryGetContextType(string factory, [NotNullWhen(true)] out string? contextType) =>
        _contextFactories.TryGetValue(factory, out contextType);

    /// <summary>The bindings of a component tag (<c>camera</c>; <c>live-pusher</c> has two: Camera and Record); empty when none.</summary>
    /// <param name="tag">The tag name, without angle brackets.</param>
    /// <returns>The bindings, possibly empty.</returns>
    public IReadOnlyList<ApiBinding> GetComponentBindings(string tag) =>
        _components.TryGetValue(tag, out var list) ? list : [];

    /// <summary>
    /// The bindings an attribute value triggers, e.g. (<c>button</c>, <c>open-type</c>,
    /// <c>getPhoneNumber|agreePrivacyAuthorization</c>) or (<c>input</c>, <c>type</c>, <c>nickname</c>). The value is
    /// split on <c>|</c> and each trimmed token is looked up. When <paramref name="tag"/> is null, bindings on any tag
    /// match (for custom components that forward the attribute to an inner <c>&lt;button&gt;</c>, such as Vant's
    /// <c>&lt;van-button&gt;</c>); otherwise only bindings on that tag.
    /// </summary>
    /// <param name="tag">The tag, or null for any tag.</param>
    /// <param name="attribute">The attribute name.</param>
    /// <param name="value">The attribute value as written.</param>
    /// <returns>The bindings, in token order, without repeats; empty when none.</returns>
    public IReadOnlyList<ApiBinding> FindAttributeBindings(string? tag, string attribute, string value)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        ArgumentNullException.ThrowIfNull(value);
        List<ApiBinding>? found = null;
        foreach (var range in value.AsSpan().Split('|'))
        {
            var token = value[range].Trim();
            if (token.Length == 0 || !_attributes.TryGetValue((attribute, token), out var list))
            {
                continue;
            }

            foreach (var binding in list)
            {
                if ((tag is null || binding.Tag == tag) && !(found?.Contains(binding) ?? false))
                {
                    (found ??= []).Add(binding);
                }
            }
        }

        return found is null ? [] : found;
    }

    /// <summary>Finds the binding of an authorization request with a literal scope, e.g. (<c>wx</c>, <c>authorize</c>, <c>scope.userLocation</c>).</summary>
    /// <param name="platform">The platform namespace.</param>
    /// <param name="member">The authorize function (<c>authorize</c>, <c>authorizeForMiniProgram</c>).</param>
    /// <param name="scopeId">The scope as written.</param>
    /// <param name="binding">The binding, when found.</param>
    /// <returns>Whether the request is for a privacy scope.</returns>
    public bool TryGetAuthorizeBinding(string platform, string member, string scopeId, [NotNullWhen(true)] out ApiBinding? binding) =>
        _authorize.TryGetValue((platform, member, scopeId), out binding);

    /// <summary>Finds a scope by id (<c>scope.userLocation</c>; Alipay's <c>location</c>).</summary>
    /// <param name="id">The scope id.</param>
    /// <param name="scope">The scope, when found.</param>
    /// <returns>Whether it exists.</returns>
    public bool TryGetScope(string id, [NotNullWhen(true)] out Scope? scope) => _scopes.TryGetValue(id, out scope);

    /// <summary>Every binding that needs or requests the scope; empty when none.</summary>
    /// <param name="scopeId">The scope id.</param>
    /// <returns>The bindings.</returns>
    public IReadOnlyList<ApiBinding> GetBindingsForScope(string scopeId) =>
        _bindingsByScope.TryGetValue(scopeId, out var list) ? list : [];

    /// <summary>Every binding that yields the key (not its descendants); empty when none.</summary>
    /// <param name="keyId">The key id.</param>
    /// <returns>The bindings.</returns>
    public IReadOnlyList<ApiBinding> GetBindingsForKey(string keyId) =>
        _bindingsByKey.TryGetValue(keyId, out var list) ? list : [];

    /// <summary>Finds a service category by id (<c>online-shopping</c>) or by its Chinese name (<c>网上购物</c>).</summary>
    /// <param name="idOrNameZh">The id or the Chinese name.</param>
    /// <param name="category">The category, when found.</param>
    /// <returns>Whether it exists.</returns>
    public bool TryGetServiceCategory(string idOrNameZh, [NotNullWhen(true)] out ServiceCategory? category) =>
        _categories.TryGetValue(idOrNameZh, out category) || _categoriesByNameZh.TryGetValue(idOrNameZh, out category);

    /// <summary>Finds a reason code or rule id (<c>112</c>, <c>NTK-DECL-020</c>).</summary>
    /// <param name="id">The code.</param>
    /// <param name="code">The row, when found.</param>
    /// <returns>Whether it exists.</returns>
    public bool TryGetReasonCode(string id, [NotNullWhen(true)] out ReasonCode? code) => _reasons.TryGetValue(id, out code);

    /// <summary>The ancestors of a key, nearest first (<c>Contact.Read</c> gives <c>Contact</c>); empty for a root or unknown key.</summary>
    /// <param name="keyId">The key id.</param>
    /// <returns>The ancestor ids.</returns>
    public IReadOnlyList<string> GetAncestors(string keyId) =>
        _ancestors.TryGetValue(keyId, out var chain) ? chain : [];

    /// <summary>
    /// True when declaring <paramref name="declaredKeyId"/> covers using <paramref name="usedKeyId"/>: they are equal,
    /// or the declared key is an ancestor of the used one (STYLE.md H18).
    /// </summary>
    /// <param name="declaredKeyId">The key a declaration lists.</param>
    /// <param name="usedKeyId">The key an API yields.</param>
    /// <returns>Whether the declaration covers the use.</returns>
    public bool Covers(string declaredKeyId, string usedKeyId)
    {
        if (string.Equals(declaredKeyId, usedKeyId, StringComparison.Ordinal))
        {
            return true;
        }

        if (_ancestors.TryGetValue(usedKeyId, out var chain))
        {
            foreach (var ancestor in chain)
            {
                if (string.Equals(ancestor, declaredKeyId, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
