namespace NeedToKnow.Core.Gate;

/// <summary>
/// One version of an app's privacy declaration, as stored and as the gate reads it. Versions are immutable once
/// stored; the app's <see cref="AppRecord.LiveVersion"/> says which one is live (reference §2.3: the submitted
/// guide replaces the live one on release).
/// </summary>
/// <param name="AppId">The app.</param>
/// <param name="Version">The version number, 1 upwards, unique per app.</param>
/// <param name="Items">The declared items, at most one per key.</param>
/// <param name="ServiceCategory">The app's service category id from the catalog, or null when not given.</param>
/// <param name="CreatedAt">When this version was submitted.</param>
/// <param name="Document">The full declaration document (<c>privacy.json</c>) as submitted, for storage and display; null when not kept.</param>
public sealed record DeclarationVersion(
    string AppId,
    int Version,
    IReadOnlyList<DeclaredItem> Items,
    string? ServiceCategory,
    DateTimeOffset CreatedAt,
    string? Document = null);
