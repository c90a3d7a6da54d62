namespace NeedToKnow.Core.Audit.Statistics;

/// <summary>
/// Transparency figures computed from the audit log over [Since, Until): the platform publishes
/// <see cref="Sentence"/> ("since DATE, N attempts to collect personal information by M programs were intercepted").
/// Lists are sorted by count, descending, then by name.
/// </summary>
public sealed record AuditStatistics
{
    /// <summary>The first instant counted (inclusive), or null for the start of the log.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The instant counting stops (exclusive), or null for the end of the log.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>The time of the first entry counted, or null when none was.</summary>
    public DateTimeOffset? FirstEntry { get; init; }

    /// <summary>Entries counted, of every kind.</summary>
    public long Entries { get; init; }

    /// <summary>Interceptions: denied attempts to collect personal information.</summary>
    public long Interceptions { get; init; }

    /// <summary>Distinct programs (app ids) with at least one interception.</summary>
    public long InterceptedPrograms { get; init; }

    /// <summary>Interceptions per privacy key.</summary>
    public IReadOnlyList<AuditCount> InterceptionsByPrivacyKey { get; init; } = [];

    /// <summary>Interceptions per reason code.</summary>
    public IReadOnlyList<AuditCount> InterceptionsByReasonCode { get; init; } = [];

    /// <summary>Interceptions per program (app id).</summary>
    public IReadOnlyList<AuditCount> InterceptionsByProgram { get; init; } = [];

    /// <summary>Prompts shown.</summary>
    public long PromptsShown { get; init; }

    /// <summary>
    /// Prompts per outcome (<c>granted</c>, <c>refused</c>, <c>unanswered</c>): a prompt's outcome is a granted or refused
    /// consent event of the same user for the same program in the period at or after the prompt's time, whatever the
    /// order of the two in the log (an answer goes to the latest prompt before it); it sums to <see cref="PromptsShown"/>.
    /// </summary>
    public IReadOnlyList<AuditCount> PromptOutcomes { get; init; } = [];

    /// <summary>Consent events per outcome (<c>granted</c>, <c>refused</c>, <c>withdrawn</c>).</summary>
    public IReadOnlyList<AuditCount> ConsentEvents { get; init; } = [];

    /// <summary>Granted ÷ (granted + refused) over consent events, or null when there were none.</summary>
    public double? ConsentRate { get; init; }

    /// <summary>Enforcement actions.</summary>
    public long EnforcementActions { get; init; }

    /// <summary>Declaration versions published.</summary>
    public long DeclarationsPublished { get; init; }

    /// <summary>Hourly buckets (UTC) from the first to the last counted entry, empty hours included.</summary>
    public IReadOnlyList<AuditSeriesPoint> Hourly { get; init; } = [];

    /// <summary>Daily buckets (UTC) from the first to the last counted entry, empty days included.</summary>
    public IReadOnlyList<AuditSeriesPoint> Daily { get; init; } = [];

    /// <summary>The published figure: "since DATE, N attempts to collect personal information by M programs were intercepted".</summary>
    public string Sentence
    {
        get
        {
            // A bound the caller gave is stated exactly; the first entry's time only names its day.
            var since = Since is { } given ? Format(given) : FirstEntry is { } first ? first.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null;
            var from = (since, Until) switch
            {
                (null, null) => "since the log began",
                (null, { } until) => "until " + Format(until),
                ({ } start, null) => "since " + start,
                ({ } start, { } until) => "from " + start + " to " + Format(until),
            };
            var attempts = Interceptions == 1 ? "attempt" : "attempts";
            var programs = InterceptedPrograms == 1 ? "program" : "programs";
            var verb = Interceptions == 1 ? "was" : "were";
            return $"{from}, {Interceptions:N0} {attempts} to collect personal information by {InterceptedPrograms:N0} {programs} {verb} intercepted";
        }
    }

    // A day when the bound is midnight UTC, else the exact instant: "since 2026-11-29" must not hide a later start.
    private static string Format(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return utc.ToString(utc.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }
}
