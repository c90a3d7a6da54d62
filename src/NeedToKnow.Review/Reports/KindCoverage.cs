namespace NeedToKnow.Review.Reports;

/// <summary>How the files of one kind were read.</summary>
/// <param name="Parsed">Files parsed completely.</param>
/// <param name="FellBack">Files that did not parse and were read by a token scan (low-confidence sites).</param>
/// <param name="Skipped">Files not analysed (a limit, an unreadable file).</param>
public sealed record KindCoverage(int Parsed, int FellBack, int Skipped);
