namespace NeedToKnow.Core.Declarations;

/// <summary>One kind of personal information an SDK processes.</summary>
public sealed class DeclarationSdkItem
{
    /// <summary>A catalog key id or a custom <c>x-</c> key.</summary>
    public required string Key { get; init; }

    /// <summary>Why the SDK processes it.</summary>
    public required string Purpose { get; init; }

    /// <summary>Where the item is in the document.</summary>
    public string Pointer { get; init; } = "";
}
