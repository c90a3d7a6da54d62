using System.Text;
using NeedToKnow.Core.Consent;
using NeedToKnow.Core.Gate;

namespace NeedToKnow.Core.Audit;

/// <summary>
/// Turns the gate's interception and prompt records and the consent ledger's events into audit entries and appends
/// them to the audit log, one batch per call (all in one group commit). User ids are replaced by their keyed hash
/// (<see cref="AuditUserHasher"/>), so the log never holds the pseudonymous id itself.
/// </summary>
#pragma warning disable NTK9001 // The gate's record sink port is experimental; this is its audit-log implementation and moves with it.
public sealed class AuditRecordSink(AuditSequencer sequencer, AuditUserHasher users) : IGateRecordSink
#pragma warning restore NTK9001
{
    /// <summary>Appends one audit entry per record, atomically; completes when they are durable.</summary>
    /// <param name="interceptions">Denied decisions.</param>
    /// <param name="prompts">Prompt decisions.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the entries are durable.</returns>
    /// <exception cref="AuditPushbackException">The log is overloaded; retry the batch later.</exception>
    public async ValueTask WriteAsync(IReadOnlyList<InterceptionRecord> interceptions, IReadOnlyList<PromptRecord> prompts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interceptions);
        ArgumentNullException.ThrowIfNull(prompts);
        var entries = new List<AuditEntry>(interceptions.Count + prompts.Count);
        foreach (var r in interceptions)
        {
            entries.Add(FromInterception(r));
        }

        foreach (var r in prompts)
        {
            entries.Add(FromPrompt(r));
        }

        await AppendAsync(entries, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends one audit entry per consent event, atomically.</summary>
    /// <param name="events">Consent events from the ledger.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the entries are durable.</returns>
    /// <exception cref="AuditPushbackException">The log is overloaded; retry later.</exception>
    public async ValueTask WriteConsentAsync(IReadOnlyList<ConsentEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var entries = new List<AuditEntry>(events.Count);
        foreach (var e in events)
        {
            entries.Add(FromConsent(e));
        }

        await AppendAsync(entries, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The audit entry of an interception: reason code as its number (WeChat errno where one exists).</summary>
    /// <param name="r">The record.</param>
    /// <returns>The entry.</returns>
    public AuditEntry FromInterception(InterceptionRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new AuditEntry(AuditEntryKind.Interception, r.Time, r.AppId, r.Key ?? string.Empty, ((int)r.Reason).ToString(System.Globalization.CultureInfo.InvariantCulture),
            users.Hash(r.UserId), r.DecidedBy.ToString(), Version(r.DeclarationVersion), Fit(r.Target));
    }

    /// <summary>The audit entry of a prompt shown to the user (outcome empty until a consent event answers it).</summary>
    /// <param name="r">The record.</param>
    /// <returns>The entry.</returns>
    public AuditEntry FromPrompt(PromptRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new AuditEntry(AuditEntryKind.Prompt, r.Time, r.AppId, r.Key, ((int)r.Reason).ToString(System.Globalization.CultureInfo.InvariantCulture),
            users.Hash(r.UserId), string.Empty, Version(r.DeclarationVersion), Fit(r.Target));
    }

    /// <summary>
    /// The audit entry of a consent event: outcome <c>granted</c> (declaration or scope granted, scope re-enabled),
    /// <c>refused</c> or <c>withdrawn</c> (withdrawn, app removed); the privacy key lists the event's keys (or its scope).
    /// </summary>
    /// <param name="e">The event.</param>
    /// <returns>The entry.</returns>
    public AuditEntry FromConsent(ConsentEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var outcome = e.Kind switch
        {
            ConsentEventKind.DeclarationGranted or ConsentEventKind.ScopeGranted or ConsentEventKind.ScopeReEnabled => "granted",
            ConsentEventKind.DeclarationRefused or ConsentEventKind.ScopeRefused => "refused",
            _ => "withdrawn",
        };
        var keys = e.Items.Count > 0 ? string.Join(',', e.Items.Select(i => i.Key).Distinct(StringComparer.Ordinal)) : e.Scope ?? string.Empty;
        return new AuditEntry(AuditEntryKind.Consent, e.Time, e.AppId, Fit(keys), e.Kind.ToString(), users.Hash(e.UserId), outcome, Version(e.DeclarationVersion), Fit(e.Scope ?? string.Empty));
    }

    private async ValueTask AppendAsync(List<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var result = await sequencer.AppendManyAsync(entries, cancellationToken).ConfigureAwait(false);
        if (!result.IsAppended)
        {
            throw new AuditPushbackException(result.RetryAfter);
        }
    }

    private static string Version(int version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Cuts text to <see cref="AuditEntryCodec.MaxFieldBytes"/> UTF-8 bytes on a character boundary.</summary>
    private static string Fit(string text)
    {
        if (Encoding.UTF8.GetByteCount(text) <= AuditEntryCodec.MaxFieldBytes)
        {
            return text;
        }

        var length = text.Length;
        while (Encoding.UTF8.GetByteCount(text.AsSpan(0, length)) > AuditEntryCodec.MaxFieldBytes || char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return text[..length];
    }
}
