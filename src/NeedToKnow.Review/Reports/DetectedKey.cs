using NeedToKnow.Review.Sites;

namespace NeedToKnow.Review.Reports;

/// <summary>One privacy key the package uses, with every site that uses it, ordered by (file, line, column, API).</summary>
/// <param name="Key">The privacy key.</param>
/// <param name="Sites">The sites, never empty.</param>
public sealed record DetectedKey(string Key, IReadOnlyList<PrivacySite> Sites);
