namespace NeedToKnow.Core.Gate;

/// <summary>
/// The gate's anti-nagging rules and identity. Defaults follow the platform rules (reference §2.6).
/// </summary>
public sealed record GateOptions
{
    /// <summary>
    /// After the user refuses (or withdraws) a necessary declaration item, no prompt for it again within this time;
    /// requests inside it are denied with 104. Default 10 s: WeChat's official popup does not pop again within 10 s
    /// of a refusal (reference §2.6).
    /// </summary>
    public TimeSpan DeclarationRefusalCooldown { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// After the user refuses (or withdraws) an optional item, it is not asked again within this time. Default 48 h,
    /// the app-store rule the industry follows (reference §2.6 "Regulation" row; GB/T 35273-2020 §5.3).
    /// </summary>
    public TimeSpan OptionalRefusalCooldown { get; init; } = TimeSpan.FromHours(48);

    /// <summary>
    /// After the user refuses a scope, how long until the gate may prompt for it again; null (the default) means
    /// never: only a settings change re-enables it (reference §2.6, WeChat scopes; Douyin behaves the same).
    /// </summary>
    public TimeSpan? ScopeRefusalCooldown { get; init; }

    /// <summary>This node's id (0–2047), the top bits of every <see cref="DecisionId"/> it makes. Default 0.</summary>
    public int NodeId { get; init; }
}
