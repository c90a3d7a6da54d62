namespace NeedToKnow.Review.Reports;

/// <summary>
/// The result of reviewing one package against its declaration: the privacy keys detected with their sites, the
/// findings and what was read. Deterministic: sites and findings are ordered by (file, line, column, code), and two
/// reviews of the same input give equal reports.
/// </summary>
/// <param name="Tool">The tool.</param>
/// <param name="Package">The package.</param>
/// <param name="Detected">Keys used, ordered by key (ordinal).</param>
/// <param name="Findings">Findings ordered by (file, line, column, rule id, key, message); package-wide ones (no file) first.</param>
/// <param name="Coverage">Files parsed, fallen back and skipped by kind.</param>
/// <param name="WebViews">Web-views and mini-program navigators found in WXML.</param>
/// <param name="DeclarationFound">Whether a declaration was reviewed against (given, or privacy.json at the app root).</param>
public sealed record ReviewReport(
    ReviewTool Tool,
    ReviewPackageInfo Package,
    IReadOnlyList<DetectedKey> Detected,
    IReadOnlyList<ReviewFinding> Findings,
    ReviewCoverage Coverage,
    IReadOnlyList<WebViewUse> WebViews,
    bool DeclarationFound);
