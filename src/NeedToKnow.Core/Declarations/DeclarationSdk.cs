namespace NeedToKnow.Core.Declarations;

/// <summary>A third-party SDK or plugin and the information it processes (WeChat guide "第三方插件信息"; PIPL Art. 23).</summary>
public sealed class DeclarationSdk
{
    /// <summary>The SDK's name.</summary>
    public required string Name { get; init; }

    /// <summary>Who provides it (the legal entity).</summary>
    public required string Provider { get; init; }

    /// <summary>What it processes and why.</summary>
    public required IReadOnlyList<DeclarationSdkItem> Items { get; init; }
}
