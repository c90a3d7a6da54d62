namespace NeedToKnow.Review.Reports;

/// <summary>The package a report is about.</summary>
/// <param name="Root">The app root: the reviewed path joined with the app root inside it, <c>/</c> separators.</param>
/// <param name="Files">Regular files under the app root.</param>
/// <param name="Bytes">Their size in bytes.</param>
public sealed record ReviewPackageInfo(string Root, int Files, long Bytes);
