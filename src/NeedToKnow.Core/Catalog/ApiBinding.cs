namespace NeedToKnow.Core.Catalog;

/// <summary>
/// Maps one privacy API, component or attribute of a platform to the privacy key it yields: the reviewer finds
/// these in code, the gate decides calls to them.
/// </summary>
/// <remarks>
/// <see cref="Api"/> is written as the corpus labels write it (../shared/corpus/README.md): <c>wx.getLocation</c>,
/// <c>MapContext.moveToLocation</c>, <c>RecorderManager.start</c>, <c>&lt;camera&gt;</c>,
/// <c>&lt;button open-type="getPhoneNumber"&gt;</c>, <c>&lt;input type="nickname"&gt;</c>, <c>wx.authorize</c>.
/// Names follow the WeChat typings (wechat-miniprogram/api-typings, types/wx/lib.wx.api.d.ts).
/// </remarks>
public sealed record ApiBinding : CatalogEntry
{
    /// <summary>Platform namespace: <c>wx</c>, <c>my</c>, <c>tt</c>, <c>swan</c>, <c>qq</c>, <c>uni</c> or <c>Taro</c>.</summary>
    public required string Platform { get; init; }

    /// <summary>What construct it matches.</summary>
    public required BindingKind Kind { get; init; }

    /// <summary>Canonical API name, as the corpus labels write it.</summary>
    public required string Api { get; init; }

    /// <summary>Member name for functions, context methods and authorize calls (<c>getLocation</c>, <c>moveToLocation</c>, <c>authorize</c>); else null.</summary>
    public string? Member { get; init; }

    /// <summary>Context type for context methods (<c>MapContext</c>); else null.</summary>
    public string? ContextType { get; init; }

    /// <summary>The platform function that creates the context (<c>createMapContext</c>); else null.</summary>
    public string? Factory { get; init; }

    /// <summary>Tag for components and attributes (<c>camera</c>, <c>button</c>); else null.</summary>
    public string? Tag { get; init; }

    /// <summary>Attribute name for attribute bindings (<c>open-type</c>, <c>type</c>); else null.</summary>
    public string? Attribute { get; init; }

    /// <summary>Attribute value for attribute bindings (<c>getPhoneNumber</c>); one token of a <c>|</c>-combined value.</summary>
    public string? Value { get; init; }

    /// <summary>The privacy key id it yields.</summary>
    public required string Key { get; init; }

    /// <summary>The authorization scope id it needs (or, for <see cref="BindingKind.AuthorizeScope"/>, requests), or null.</summary>
    public string? Scope { get; init; }

    /// <summary>True for WeChat's 8 location APIs that must be listed in app.json <c>requiredPrivateInfos</c>.</summary>
    public bool RequiredPrivateInfo { get; init; }

    /// <summary>Precise or fuzzy for location APIs, else <see cref="LocationPrecision.None"/>.</summary>
    public LocationPrecision Location { get; init; }

    /// <summary>True when the platform accepts the call only from a user gesture.</summary>
    public bool NeedsUserGesture { get; init; }
}
