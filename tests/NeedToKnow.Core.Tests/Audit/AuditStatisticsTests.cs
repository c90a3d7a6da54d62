using NeedToKnow.Core.Audit;
using NeedToKnow.Core.Audit.Statistics;

namespace NeedToKnow.Core.Tests.Audit;

public class AuditStatisticsTests
{
    private static readonly DateTimeOffset Start = new(2025, 11, 24, 0, 0, 0, TimeSpan.Zero);

    private static List<AuditEntry> RandomEntries(int count, int seed)
    {
        var random = new Random(seed);
        var keys = new[] { "Location", "PhoneNumber", "Clipboard", "Album" };
        var reasons = new[] { "112", "104", "103", "102", "1025" };
        var outcomes = new[] { "granted", "refused", "withdrawn", "" };
        var start = Start;
        return [.. Enumerable.Range(0, count).Select(i => new AuditEntry(
            (AuditEntryKind)random.Next(1, 6),
            start.AddMinutes(random.Next(0, 60 * 24 * 5)),
            "wx" + random.Next(0, 40),
            keys[random.Next(keys.Length)],
            reasons[random.Next(reasons.Length)],
            AuditEntryCodecTests.User,
            outcomes[random.Next(outcomes.Length)]))];
    }

    [Fact]
    public void Figures_equal_a_direct_count_over_the_log()
    {
        var entries = RandomEntries(5000, 29);
        var since = Start.AddDays(1);
        var until = since.AddDays(3);
        var builder = new AuditStatisticsBuilder(since, until);
        foreach (var e in entries)
        {
            builder.Add(e);
        }

        var stats = builder.Build();
        var inRange = entries.Where(e => e.Time >= since && e.Time < until).ToList();
        var interceptions = inRange.Where(e => e.Kind == AuditEntryKind.Interception).ToList();
        Assert.Equal(inRange.Count, stats.Entries);
        Assert.Equal(interceptions.Count, stats.Interceptions);
        Assert.Equal(interceptions.Select(e => e.AppId).Distinct().Count(), stats.InterceptedPrograms);
        foreach (var c in stats.InterceptionsByPrivacyKey)
        {
            Assert.Equal(interceptions.Count(e => e.PrivacyKey == c.Name), c.Count);
        }

        foreach (var c in stats.InterceptionsByReasonCode)
        {
            Assert.Equal(interceptions.Count(e => e.ReasonCode == c.Name), c.Count);
        }

        Assert.Equal(interceptions.Count, stats.InterceptionsByProgram.Sum(c => c.Count));
        Assert.Equal(inRange.Count(e => e.Kind == AuditEntryKind.Prompt), stats.PromptsShown);
        Assert.Equal(stats.PromptsShown, stats.PromptOutcomes.Sum(c => c.Count));
        var granted = inRange.Count(e => e.Kind == AuditEntryKind.Consent && e.Outcome == "granted");
        var refused = inRange.Count(e => e.Kind == AuditEntryKind.Consent && e.Outcome == "refused");
        Assert.Equal((double)granted / (granted + refused), stats.ConsentRate);
        Assert.Equal(inRange.Count(e => e.Kind == AuditEntryKind.Enforcement), stats.EnforcementActions);
        Assert.Equal(inRange.Count(e => e.Kind == AuditEntryKind.DeclarationPublished), stats.DeclarationsPublished);
        Assert.Equal(interceptions.Count, stats.Hourly.Sum(p => p.Interceptions));
        Assert.Equal(interceptions.Count, stats.Daily.Sum(p => p.Interceptions));
        Assert.Equal(3, stats.Daily.Count);
        Assert.Equal(72, stats.Hourly.Count);
        foreach (var day in stats.Daily)
        {
            Assert.Equal(interceptions.Count(e => e.Time >= day.Start && e.Time < day.Start.AddDays(1)), day.Interceptions);
        }

        Assert.Equal($"from {since.UtcDateTime:yyyy-MM-dd} to {until.UtcDateTime:yyyy-MM-dd}, {interceptions.Count:N0} attempts to collect personal information by {stats.InterceptedPrograms} programs were intercepted", stats.Sentence);
    }

    [Fact]
    public void A_prompt_takes_the_outcome_of_the_next_answer_of_the_same_user_for_the_same_program()
    {
        static AuditEntry At(int minute, AuditEntryKind kind, string app, string user, string outcome = "") =>
            new(kind, Start.AddMinutes(minute), app, "Location", kind == AuditEntryKind.Prompt ? "104" : "", user, outcome);
        string u1 = new('1', 64), u2 = new('2', 64), u3 = new('3', 64);
        var builder = new AuditStatisticsBuilder(null, null);
        foreach (var e in new[]
        {
            At(0, AuditEntryKind.Prompt, "wxa", u1),
            At(1, AuditEntryKind.Consent, "wxb", u1, "granted"),  // another program: does not answer wxa's prompt
            At(2, AuditEntryKind.Consent, "wxa", u1, "granted"),
            At(3, AuditEntryKind.Prompt, "wxa", u2),               // never answered
            At(4, AuditEntryKind.Prompt, "wxa", u3),
            At(5, AuditEntryKind.Prompt, "wxa", u3),
            At(6, AuditEntryKind.Consent, "wxa", u3, "refused"),
            At(7, AuditEntryKind.Consent, "wxa", u3, "withdrawn"), // not an answer to a prompt
            At(8, AuditEntryKind.Consent, "wxa", u1, "granted"),   // no prompt pending any more
        })
        {
            builder.Add(e);
        }

        var stats = builder.Build();
        Assert.Equal(4, stats.PromptsShown);
        Assert.Equal([("unanswered", 2L), ("granted", 1L), ("refused", 1L)], stats.PromptOutcomes.Select(c => (c.Name, c.Count)));
    }

    [Fact]
    public void A_consent_event_logged_before_its_prompt_still_answers_it()
    {
        // The server appends a consent event as soon as the host reports it, while the prompt record that led to it can
        // still be in the gate's record batch: log order is not time order.
        static AuditEntry At(int second, AuditEntryKind kind, string user, string outcome = "") =>
            new(kind, Start.AddSeconds(second), "wxa", "Location", kind == AuditEntryKind.Prompt ? "104" : "", user, outcome);
        string u1 = new('1', 64), u2 = new('2', 64);
        var builder = new AuditStatisticsBuilder(null, null);
        foreach (var e in new[]
        {
            At(2, AuditEntryKind.Consent, u1, "granted"),   // answers the prompt at 1, logged after it
            At(6, AuditEntryKind.Consent, u1, "refused"),   // answers the prompt at 5 (the latest before it)
            At(1, AuditEntryKind.Prompt, u1),
            At(5, AuditEntryKind.Prompt, u1),
            At(9, AuditEntryKind.Prompt, u2),
            At(8, AuditEntryKind.Consent, u2, "granted"),   // before the prompt in time: not its answer
        })
        {
            builder.Add(e);
        }

        var stats = builder.Build();
        Assert.Equal(3, stats.PromptsShown);
        Assert.Equal([("granted", 1L), ("refused", 1L), ("unanswered", 1L)], stats.PromptOutcomes.Select(c => (c.Name, c.Count)));
    }

    [Fact]
    public void The_sentence_names_an_exact_instant_and_the_end_of_the_period()
    {
        var stats = new AuditStatisticsBuilder(Start.AddHours(11.5), null).Build();
        Assert.StartsWith("since 2025-11-24T11:30:00Z, 0 attempts", stats.Sentence, StringComparison.Ordinal);
        stats = new AuditStatisticsBuilder(null, Start.AddDays(2)).Build();
        Assert.StartsWith("until 2025-11-26, 0 attempts", stats.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_log_reads_naturally()
    {
        var stats = new AuditStatisticsBuilder(null, null).Build();
        Assert.Equal("since the log began, 0 attempts to collect personal information by 0 programs were intercepted", stats.Sentence);
        Assert.Null(stats.ConsentRate);
        Assert.Empty(stats.Hourly);
    }
}
