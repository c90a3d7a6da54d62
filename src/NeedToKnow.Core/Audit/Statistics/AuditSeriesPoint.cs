namespace NeedToKnow.Core.Audit.Statistics;

/// <summary>One bucket of a time series (an hour or a day, UTC).</summary>
/// <param name="Start">The bucket's start, UTC.</param>
/// <param name="Interceptions">Interceptions in the bucket.</param>
/// <param name="Prompts">Prompts shown in the bucket.</param>
/// <param name="ConsentEvents">Consent events in the bucket.</param>
public sealed record AuditSeriesPoint(DateTimeOffset Start, long Interceptions, long Prompts, long ConsentEvents);
