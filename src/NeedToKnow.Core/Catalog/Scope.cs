namespace NeedToKnow.Core.Catalog;

/// <summary>
/// A user authorization scope (WeChat <c>scope.userLocation</c>, Alipay <c>location</c>...): what the user grants
/// or refuses once per app.
/// </summary>
/// <remarks>Source: https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/authorize.html and each platform's AuthSetting doc.</remarks>
public sealed record Scope : CatalogEntry
{
    /// <summary>The privacy key the scope grants.</summary>
    public required string Key { get; init; }

    /// <summary>Whether the platform still asks for it.</summary>
    public required ScopeStatus Status { get; init; }

    /// <summary>Platform namespaces that use this scope id.</summary>
    public required IReadOnlyList<string> Platforms { get; init; }

    /// <summary>True when app.json must carry a <c>permission.&lt;scope&gt;.desc</c> text (WeChat location scopes).</summary>
    public bool NeedsPermissionDesc { get; init; }

    /// <summary>The APIs the platform documents for it, as canonical names.</summary>
    public required IReadOnlyList<string> Apis { get; init; }
}
