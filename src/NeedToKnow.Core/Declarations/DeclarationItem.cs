using NeedToKnow.Core.Catalog;

namespace NeedToKnow.Core.Declarations;

/// <summary>One kind of personal information the app processes, with its purpose (WeChat: one row of "开发者处理的信息").</summary>
public sealed class DeclarationItem
{
    /// <summary>A catalog key id (<c>Location</c>) or a custom <c>x-</c> key.</summary>
    public required string Key { get; init; }

    /// <summary>Why the app processes it; shown to users as "为了〈purpose〉".</summary>
    public required string Purpose { get; init; }

    /// <summary>True when the service category's basic function needs it (2021 Provisions Art. 3); false when optional.</summary>
    public required bool Necessary { get; init; }

    /// <summary>Retention for this item when it differs from the declaration's, or null.</summary>
    public string? Retention { get; init; }

    /// <summary>For <c>Location</c>: precise or fuzzy; <see cref="LocationPrecision.None"/> when not given.</summary>
    public LocationPrecision Precision { get; init; }

    /// <summary>Where the item is in the document (its JSON pointer, e.g. <c>/items/0</c>).</summary>
    public string Pointer { get; init; } = "";
}
