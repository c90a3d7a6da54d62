namespace NeedToKnow.Review.Reports;

/// <summary>How the files of one kind were read.</summary>
/// <param name="Parsed">Files parsed completely.</param>
/// <param name="FellBack">Files that did not parse and were read by a token scan (low-confidence sites).</param>
/// <param name="Skipped">Files not analysed (a limit, an unreadable file, a <c>.d.ts</c> type declaration).</param>
/// <param name="Screened">Scripts read but not parsed because no platform global in them can reach a privacy API
/// (only members such as <c>wx.request</c>): they cannot hold a site.</param>
public sealed record KindCoverage(int Parsed, int FellBack, int Skipped, int Screened = 0);
