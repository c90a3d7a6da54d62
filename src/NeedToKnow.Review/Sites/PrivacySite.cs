namespace NeedToKnow.Review.Sites;

/// <summary>
/// One place in a package that uses a privacy API: the privacy key, the API as the catalog names it, the file and
/// position, how it is used, who wrote the code and how sure the reviewer is.
/// </summary>
/// <param name="Key">The privacy key from the catalog, e.g. <c>Location</c>.</param>
/// <param name="Api">The API or component as the catalog names it, e.g. <c>wx.getLocation</c>, <c>MapContext.moveToLocation</c>,
/// <c>&lt;button open-type="getPhoneNumber"&gt;</c> (with the tag actually written), <c>&lt;camera&gt;</c>.</param>
/// <param name="File">Path relative to the app root with <c>/</c> separators.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column in UTF-16 code units.</param>
/// <param name="Kind">Call, reference, authorize or component.</param>
/// <param name="Party"><c>first</c> for the developer's own code, else the name of the SDK the file belongs to.</param>
/// <param name="Confidence">High when found in a syntax tree, low when found by a token scan.</param>
/// <param name="Scope">The scope for <see cref="SiteKind.Authorize"/> sites, e.g. <c>scope.userLocation</c>; else null.</param>
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
    /// <summary>The party value of the developer's own code.</summary>
    public const string FirstParty = "first";
}
