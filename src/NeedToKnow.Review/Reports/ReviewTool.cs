namespace NeedToKnow.Review.Reports;

/// <summary>The tool that made a report.</summary>
/// <param name="Name">Always <c>ntk</c>.</param>
/// <param name="Version">The NeedToKnow version, without build metadata.</param>
/// <param name="InformationUri">Where the rules are documented.</param>
public sealed record ReviewTool(string Name, string Version, string InformationUri);
