using NeedToKnow.Core.Catalog;

namespace NeedToKnow.Core.Declarations;

/// <summary>The developer entity that handles the information.</summary>
public sealed class DeclarationDeveloper
{
    /// <summary>Legal name.</summary>
    public required string Name { get; init; }

    /// <summary>Exactly one of organisation, individual or government.</summary>
    public required DeveloperEntityTypes EntityType { get; init; }

    /// <summary>True when the platform verified the entity (WeChat 认证); some keys need it (<see cref="PrivacyKey.RequiresVerifiedDeveloper"/>).</summary>
    public bool Verified { get; init; }
}
