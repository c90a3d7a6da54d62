namespace NeedToKnow.Core.Declarations;

/// <summary>How users reach the developer; at least one field is required (WeChat guide "联系方式"; PIPL Art. 17 (1)).</summary>
public sealed class DeclarationContact
{
    /// <summary>A phone number, or null.</summary>
    public string? Phone { get; init; }

    /// <summary>An email address, or null.</summary>
    public string? Email { get; init; }

    /// <summary>Another channel (a URL, a WeChat id, a postal address), or null.</summary>
    public string? Other { get; init; }

    /// <summary>True when at least one channel is given.</summary>
    public bool HasAny => !string.IsNullOrWhiteSpace(Phone) || !string.IsNullOrWhiteSpace(Email) || !string.IsNullOrWhiteSpace(Other);
}
