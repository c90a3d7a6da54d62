namespace NeedToKnow.Review.Sites;

/// <summary>
/// One place in a mini-program package where a privacy API, scope or component is used: the unit the reviewer
/// reports and the findings are built from.
/// </summary>
/// <remarks>
/// Counting rules follow the corpus README (../shared/corpus/README.md, "Counting rules"): a call or reference to a
/// catalogued API on a platform global or an alias of it, <c>wx.authorize</c> with a literal scope, context-object
/// methods (<c>MapContext.moveToLocation</c>, <c>RecorderManager.start</c>) and WXML components and attributes.
/// </remarks>
/// <param name="Key">The privacy key id from the catalog, e.g. <c>Location</c>.</param>
/// <param name="Api">
/// The canonical API name as the catalog and the corpus labels write it, whatever alias the code used:
/// <c>wx.getLocation</c>, <c>MapContext.moveToLocation</c>, <c>RecorderManager.start</c>,
/// <c>&lt;button open-type="getPhoneNumber"&gt;</c>. Other platforms keep their own namespace (<c>my.getLocation</c>).
/// </param>
/// <param name="File">The file, relative to the app root, with <c>/</c> separators.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column, counted in UTF-16 code units (a tab is one unit), after any BOM.</param>
/// <param name="Kind">How the API is used.</param>
/// <param name="Party"><c>first</c> for the developer's own code, else the name of the SDK the file belongs to.</param>
/// <param name="Confidence"><see cref="SiteConfidence.High"/> from a syntax tree, <see cref="SiteConfidence.Low"/> from a token scan.</param>
/// <param name="Scope">For <see cref="SiteKind.Authorize"/> sites, the literal scope (<c>scope.userLocation</c>); otherwise null.</param>
public sealed record PrivacySite(
    string Key,
    string Api,
    string File,
    int Line,
    int Column,
    SiteKind Kind,
    string Party,
    SiteConfidence Confidence,
    string? Scope = null)
{
    /// <summary>The party value for the developer's own code.</summary>
    public const string FirstParty = "first";
}
