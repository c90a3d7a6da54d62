namespace NeedToKnow.Core.Catalog;

/// <summary>
/// What every catalog row has: a stable id, the source it was taken from, and its lifecycle (STYLE.md H17, after
/// fideslang's <c>data_files</c>).
/// </summary>
/// <remarks>
/// <see cref="AddedIn"/> and <see cref="DeprecatedIn"/> are catalog versions (<c>major.minor[.patch]</c>, compared
/// numerically), not platform dates: a row for an API that the platform had already withdrawn when the catalog
/// was first written is added and deprecated in the same version. The loader checks that deprecation does not come
/// before addition and that <see cref="ReplacedBy"/> is only set on a deprecated row.
/// </remarks>
public abstract record CatalogEntry
{
    /// <summary>Stable id, unique within its collection; code refers to rows by it.</summary>
    public required string Id { get; init; }

    /// <summary>Where the row's facts come from: a URL or a regulation article.</summary>
    public required string Source { get; init; }

    /// <summary>Catalog version that added the row, e.g. <c>1.0</c>.</summary>
    public required string AddedIn { get; init; }

    /// <summary>Catalog version that deprecated the row, or null while it is current.</summary>
    public string? DeprecatedIn { get; init; }

    /// <summary>Id of the row (same collection) that replaces this deprecated one, or null.</summary>
    public string? ReplacedBy { get; init; }

    /// <summary>False when the row's facts could not be checked against its source text (recalled or taken from a mirror).</summary>
    public bool Verified { get; init; } = true;

    /// <summary>A caveat for readers, or null.</summary>
    public string? Note { get; init; }

    /// <summary>True when <see cref="DeprecatedIn"/> is set.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsDeprecated => DeprecatedIn is not null;
}
