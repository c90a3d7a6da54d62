using System.Runtime.InteropServices;

namespace NeedToKnow.Core.Audit.Statistics;

/// <summary>Folds audit entries into <see cref="AuditStatistics"/> in one pass; entries outside [since, until) are skipped.</summary>
/// <param name="since">The first instant counted, or null.</param>
/// <param name="until">The instant counting stops (exclusive), or null.</param>
public sealed class AuditStatisticsBuilder(DateTimeOffset? since, DateTimeOffset? until)
{
    /// <summary>The most buckets an hourly series may have (about 11 years), so a hostile time range cannot exhaust memory (STYLE.md H10).</summary>
    public const int MaxHourlyBuckets = 100_000;

    private const string Unanswered = "unanswered";
    private readonly Dictionary<string, long> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byReason = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byProgram = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _promptOutcomes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _consent = new(StringComparer.Ordinal);
    private readonly Dictionary<long, (long I, long P, long C)> _hours = [];

    // Prompts and answers not yet paired, per (program, user hash): the host reports the answer as a consent event, and
    // the log's order is not time order (the consent event can be appended before the prompt record that led to it).
    private readonly Dictionary<(string App, string User), OpenPrompts> _open = [];
    private long _entries;
    private long _interceptions;
    private long _prompts;
    private long _enforcement;
    private long _declarations;
    private DateTimeOffset? _first;

    /// <summary>Counts one entry.</summary>
    /// <param name="entry">The entry.</param>
    public void Add(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if ((since is not null && entry.Time < since) || (until is not null && entry.Time >= until))
        {
            return;
        }

        _entries++;
        if (_first is null || entry.Time < _first)
        {
            _first = entry.Time;
        }

        var hour = FloorDiv(entry.Time.ToUnixTimeMilliseconds(), 3_600_000);
        _hours.TryGetValue(hour, out var bucket);
        switch (entry.Kind)
        {
            case AuditEntryKind.Interception:
                _interceptions++;
                Increment(_byKey, entry.PrivacyKey);
                Increment(_byReason, entry.ReasonCode);
                Increment(_byProgram, entry.AppId);
                bucket.I++;
                break;
            case AuditEntryKind.Prompt:
                _prompts++;
                if (entry.Outcome.Length > 0)
                {
                    Increment(_promptOutcomes, entry.Outcome);
                }
                else
                {
                    // The answer arrives as a consent event, before or after this record in the log.
                    Open(entry).Prompt(entry.Time, _promptOutcomes);
                }

                bucket.P++;
                break;
            case AuditEntryKind.Consent:
                Increment(_consent, entry.Outcome);
                if (entry.Outcome is "granted" or "refused")
                {
                    Open(entry).Answer(entry.Time, entry.Outcome, _promptOutcomes);
                }

                bucket.C++;
                break;
            case AuditEntryKind.Enforcement:
                _enforcement++;
                break;
            case AuditEntryKind.DeclarationPublished:
                _declarations++;
                break;
        }

        _hours[hour] = bucket;
    }

    private OpenPrompts Open(AuditEntry entry)
    {
        ref var open = ref CollectionsMarshal.GetValueRefOrAddDefault(_open, (entry.AppId, entry.UserHash), out _);
        return open ??= new OpenPrompts();
    }

    /// <summary>The figures so far.</summary>
    /// <returns>The statistics.</returns>
    public AuditStatistics Build()
    {
        _consent.TryGetValue("granted", out var granted);
        _consent.TryGetValue("refused", out var refused);
        var (hourly, daily) = Series();
        return new AuditStatistics
        {
            Since = since,
            Until = until,
            FirstEntry = _first,
            Entries = _entries,
            Interceptions = _interceptions,
            InterceptedPrograms = _byProgram.Count,
            InterceptionsByPrivacyKey = Sorted(_byKey),
            InterceptionsByReasonCode = Sorted(_byReason),
            InterceptionsByProgram = Sorted(_byProgram),
            PromptsShown = _prompts,
            PromptOutcomes = Sorted(WithUnanswered()),
            ConsentEvents = Sorted(_consent),
            ConsentRate = granted + refused == 0 ? null : (double)granted / (granted + refused),
            EnforcementActions = _enforcement,
            DeclarationsPublished = _declarations,
            Hourly = hourly,
            Daily = daily,
        };
    }

    private Dictionary<string, long> WithUnanswered()
    {
        var outcomes = new Dictionary<string, long>(_promptOutcomes, StringComparer.Ordinal);
        var unanswered = _open.Values.Sum(o => (long)o.Prompts.Count);
        if (unanswered > 0)
        {
            outcomes[Unanswered] = outcomes.GetValueOrDefault(Unanswered) + unanswered;
        }

        return outcomes;
    }

    private (List<AuditSeriesPoint> Hourly, List<AuditSeriesPoint> Daily) Series()
    {
        var hourly = new List<AuditSeriesPoint>();
        var daily = new List<AuditSeriesPoint>();
        if (_hours.Count == 0)
        {
            return (hourly, daily);
        }

        var first = _hours.Keys.Min();
        var last = _hours.Keys.Max();
        var dense = last - first < MaxHourlyBuckets;
        (long I, long P, long C) day = default;
        var dayStart = FloorDiv(first, 24);
        foreach (var hour in dense ? Range(first, last) : _hours.Keys.Order())
        {
            _hours.TryGetValue(hour, out var b);
            hourly.Add(new AuditSeriesPoint(DateTimeOffset.FromUnixTimeMilliseconds(hour * 3_600_000), b.I, b.P, b.C));
            var d = FloorDiv(hour, 24);
            if (d != dayStart)
            {
                daily.Add(new AuditSeriesPoint(DateTimeOffset.FromUnixTimeMilliseconds(dayStart * 86_400_000), day.I, day.P, day.C));
                day = default;
                dayStart = d;
            }

            day = (day.I + b.I, day.P + b.P, day.C + b.C);
        }

        daily.Add(new AuditSeriesPoint(DateTimeOffset.FromUnixTimeMilliseconds(dayStart * 86_400_000), day.I, day.P, day.C));
        if (dense)
        {
            // Days with no entries between the first and last stay in the series as zeros.
            var filled = new List<AuditSeriesPoint>();
            var byDay = daily.ToDictionary(p => p.Start);
            for (var d = daily[0].Start; d <= daily[^1].Start; d = d.AddDays(1))
            {
                filled.Add(byDay.TryGetValue(d, out var p) ? p : new AuditSeriesPoint(d, 0, 0, 0));
            }

            daily = filled;
        }

        return (hourly, daily);
    }

    private static IEnumerable<long> Range(long first, long last)
    {
        for (var h = first; h <= last; h++)
        {
            yield return h;
        }
    }

    private static long FloorDiv(long a, long b) => (a / b) - ((a % b) < 0 ? 1 : 0);

    private static void Increment(Dictionary<string, long> counts, string name)
    {
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, name, out _)++;
    }

    private static List<AuditCount> Sorted(Dictionary<string, long> counts) =>
        [.. counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => new AuditCount(p.Key, p.Value))];

    /// <summary>
    /// A prompt's outcome is a granted or refused consent event of the same user for the same program at or after the
    /// prompt's time (an answer goes to the latest prompt before it): prompts and answers wait here until their partner
    /// is read, whatever the log's order.
    /// </summary>
    private sealed class OpenPrompts
    {
        public List<DateTimeOffset> Prompts { get; } = [];

        public List<(DateTimeOffset Time, string Outcome)> Answers { get; } = [];

        // A prompt read after its answer takes the earliest answer at or after it.
        public void Prompt(DateTimeOffset time, Dictionary<string, long> outcomes)
        {
            var best = -1;
            for (var i = 0; i < Answers.Count; i++)
            {
                if (Answers[i].Time >= time && (best < 0 || Answers[i].Time < Answers[best].Time))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                Increment(outcomes, Answers[best].Outcome);
                Answers.RemoveAt(best);
                return;
            }

            Prompts.Add(time);
        }

        // An answer answers the latest prompt at or before it.
        public void Answer(DateTimeOffset time, string outcome, Dictionary<string, long> outcomes)
        {
            var best = -1;
            for (var i = 0; i < Prompts.Count; i++)
            {
                if (Prompts[i] <= time && (best < 0 || Prompts[i] > Prompts[best]))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                Increment(outcomes, outcome);
                Prompts.RemoveAt(best);
                return;
            }

            Answers.Add((time, outcome));
        }
    }
}
