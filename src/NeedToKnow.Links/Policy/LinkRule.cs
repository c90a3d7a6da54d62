namespace NeedToKnow.Links.Policy;

/// <summary>What an operator rule matches: a domain list or a built-in category.</summary>
internal enum RuleMatchKind
{
    List,
    Category,
}

/// <summary>Built-in categories a rule can name (<c>"category"</c> in the configuration).</summary>
internal enum LinkCategory
{
    AppDownload,
    ShareForReward,
    IpHost,
    NonHttps,
    UnsafeIdn,
    NonWebScheme,
}

/// <summary>One compiled operator rule: <c>{ "id", "list" | "category", "contexts"?, "decision" }</c>.</summary>
internal sealed record LinkRule(string Id, string DecidedBy, RuleMatchKind MatchKind, string? ListName, DomainSet? List, LinkCategory Category,
    bool[] Contexts, LinkDecisionKind Decision, LinkReason Reason);
