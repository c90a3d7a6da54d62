namespace NeedToKnow.Core.Declarations;

/// <summary>
/// A developer's privacy declaration for one app version (<c>privacy.json</c>; WeChat's 用户隐私保护指引): who
/// processes which personal information, why, for how long, through which SDKs, and how users reach the developer.
/// </summary>
/// <remarks>
/// Format: docs/declaration.md and docs/privacy-declaration.schema.json. Sections follow the WeChat guide
/// (https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/miniprogram-intro.html) and PIPL Art. 17
/// (what must be told: identity and contact of the handler, purposes, kinds of information, retention, how to
/// exercise rights). Build one with <see cref="DeclarationParser.Parse"/>.
/// </remarks>
public sealed class PrivacyDeclaration
{
    /// <summary>The app id, e.g. <c>wx1234567890abcdef</c>.</summary>
    public required string AppId { get; init; }

    /// <summary>The app version this declaration is for, e.g. <c>1.2.0</c>.</summary>
    public required string Version { get; init; }

    /// <summary>The developer: the personal-information handler (PIPL Art. 17 (1)).</summary>
    public required DeclarationDeveloper Developer { get; init; }

    /// <summary>The service category id or Chinese name (one of the 39 types), e.g. <c>online-shopping</c>.</summary>
    public required string ServiceCategory { get; init; }

    /// <summary>How users reach the developer for access, correction, deletion and complaints.</summary>
    public required DeclarationContact Contact { get; init; }

    /// <summary>How users are told when purposes or items change (a fresh consent is needed: WeChat use rules, PIPL Art. 14).</summary>
    public required string ChangeNotice { get; init; }

    /// <summary>Default retention: an ISO 8601 duration (<c>P180D</c>) or a named rule (<c>until-account-deletion</c>).</summary>
    public required string Retention { get; init; }

    /// <summary>The personal information the app itself processes, one item per key.</summary>
    public required IReadOnlyList<DeclarationItem> Items { get; init; }

    /// <summary>Third-party SDKs and plugins and what they process.</summary>
    public IReadOnlyList<DeclarationSdk> Sdks { get; init; } = [];

    /// <summary>Web-view business domains, as registrable host names (e.g. <c>shop.example.com</c>).</summary>
    public IReadOnlyList<string> BusinessDomains { get; init; } = [];

    /// <summary>App ids of other mini-programs this app may open.</summary>
    public IReadOnlyList<string> NavigateToMiniPrograms { get; init; } = [];
}
