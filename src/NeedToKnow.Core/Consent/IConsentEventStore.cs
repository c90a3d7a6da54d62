using System.Diagnostics.CodeAnalysis;

namespace NeedToKnow.Core.Consent;

/// <summary>
/// Port: the consent ledger's durable store, append-only. Implemented in NeedToKnow.Storage (SQLite, PostgreSQL;
/// Citus distributes it by user id) and in memory by <see cref="InMemoryConsentEventStore"/>.
/// </summary>
/// <remarks>
/// A completed append is durable: it survives a crash of the process (DESIGN.md "Storage"). Appends are idempotent
/// by <see cref="ConsentEvent.EventId"/>. Sequences are store-wide, increasing, and never reused; a reader that
/// saw sequence n never later sees a new event below n. Every method may throw when the store is unreachable;
/// callers treat any exception as "store unavailable".
/// </remarks>
[Experimental("NTK9001")]
public interface IConsentEventStore
{
    /// <summary>Appends one event durably.</summary>
    /// <param name="consentEvent">The event; its <see cref="ConsentEvent.Sequence"/> is ignored.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The sequence assigned (or the existing one when the event id was appended before).</returns>
    ValueTask<long> AppendAsync(ConsentEvent consentEvent, CancellationToken cancellationToken = default);

    /// <summary>Appends a batch durably and atomically (all or none), in list order.</summary>
    /// <param name="events">The events; their sequences are ignored.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The sequences assigned, one per event, in list order.</returns>
    ValueTask<IReadOnlyList<long>> AppendBatchAsync(IReadOnlyList<ConsentEvent> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a user's events in sequence order: for one app, or for every app when <paramref name="appId"/> is
    /// null; only events with <see cref="ConsentEvent.Time"/> at or before <paramref name="asOf"/> when given.
    /// </summary>
    /// <param name="userId">The pseudonymous user.</param>
    /// <param name="appId">The app, or null for all.</param>
    /// <param name="asOf">Upper bound on event time (inclusive), or null for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The events with their sequences.</returns>
    IAsyncEnumerable<ConsentEvent> ReadAsync(string userId, string? appId, DateTimeOffset? asOf, CancellationToken cancellationToken = default);

    /// <summary>Reads events with a sequence greater than <paramref name="afterSequence"/>, in sequence order, at most <paramref name="maxCount"/>. Nodes use it to follow the ledger.</summary>
    /// <param name="afterSequence">Exclusive lower bound; 0 reads from the start.</param>
    /// <param name="maxCount">The most events to return (1 or more).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The events.</returns>
    IAsyncEnumerable<ConsentEvent> ReadAfterAsync(long afterSequence, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence assigned so far; 0 when the ledger is empty.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The sequence.</returns>
    ValueTask<long> GetLastSequenceAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads the current state of every (user, app) pair with at least one event (the projection by
    /// <see cref="ConsentProjection"/>), each with <see cref="ConsentState.LastSequence"/> set. Used to warm a
    /// node's cache: the node reads <see cref="GetLastSequenceAsync"/> first, loads the states, then follows
    /// <see cref="ReadAfterAsync"/> from that sequence; folding skips events a state already contains.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The states, in no particular order.</returns>
    IAsyncEnumerable<ConsentState> LoadStatesAsync(CancellationToken cancellationToken = default);
}
