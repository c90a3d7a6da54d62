using NeedToKnow.Core.Diagnostics;

namespace NeedToKnow.Review;

/// <summary>
/// What the review compares a package with: the privacy keys a declaration states (its own items and its SDKs'),
/// the SDKs with the keys they disclose, the web-view business domains, and the problems its validation found.
/// </summary>
/// <param name="Keys">Keys of the declaration's own items.</param>
/// <param name="Sdks">Each SDK's name with the keys it collects.</param>
/// <param name="BusinessDomains">Web-view business domains (host names, lowercase); a subdomain of one is allowed.</param>
/// <param name="Problems">Validation diagnostics of the declaration (no contact, no policy, vague purposes...).</param>
public sealed record ReviewDeclaration(
    IReadOnlyList<string> Keys,
    IReadOnlyList<ReviewSdk> Sdks,
    IReadOnlyList<string> BusinessDomains,
    IReadOnlyList<Diagnostic> Problems);
