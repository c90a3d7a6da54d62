using System.Runtime.CompilerServices;

namespace NeedToKnow.Core.Consent;

/// <summary>
/// An <see cref="IConsentEventStore"/> in memory, for tests and benchmarks: not durable. Thread-safe (one lock).
/// Set <see cref="Unavailable"/> to make every call throw, to test fail-closed behaviour.
/// </summary>
public sealed class InMemoryConsentEventStore : IConsentEventStore
{
    private readonly List<ConsentEvent> _events = [];
    private readonly Dictionary<Guid, long> _ids = [];
    private readonly Lock _lock = new();

    /// <summary>When true, every call throws <see cref="NeedToKnow.Core.Storage.StoreUnavailableException"/>.</summary>
    public bool Unavailable { get; set; }

    /// <summary>The number of events stored.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _events.Count;
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask<long> AppendAsync(ConsentEvent consentEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consentEvent);
        lock (_lock)
        {
            ThrowIfUnavailable();
            return ValueTask.FromResult(AppendLocked(consentEvent));
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<long>> AppendBatchAsync(IReadOnlyList<ConsentEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        lock (_lock)
        {
            ThrowIfUnavailable();
            var result = new long[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                result[i] = AppendLocked(events[i]);
            }

            return ValueTask.FromResult<IReadOnlyList<long>>(result);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ConsentEvent> ReadAsync(string userId, string? appId, DateTimeOffset? asOf, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var e in Snapshot(e => e.UserId == userId && (appId is null || e.AppId == appId) && (asOf is null || e.Time <= asOf.Value)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ConsentEvent> ReadAfterAsync(long afterSequence, int maxCount, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ConsentEvent[] slice;
        lock (_lock)
        {
            ThrowIfUnavailable();
            var start = (int)Math.Clamp(afterSequence, 0, _events.Count);
            slice = [.. _events.Skip(start).Take(maxCount)];
        }

        foreach (var e in slice)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask<long> GetLastSequenceAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            ThrowIfUnavailable();
            return ValueTask.FromResult((long)_events.Count);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ConsentState> LoadStatesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var states = new Dictionary<(string, string), ConsentState>();
        foreach (var e in Snapshot(_ => true))
        {
            var k = (e.UserId, e.AppId);
            states[k] = ConsentProjection.Apply(states.TryGetValue(k, out var s) ? s : ConsentState.Empty(e.UserId, e.AppId), e);
        }

        foreach (var s in states.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return s;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private List<ConsentEvent> Snapshot(Func<ConsentEvent, bool> filter)
    {
        lock (_lock)
        {
            ThrowIfUnavailable();
            return _events.Where(filter).ToList();
        }
    }

    private long AppendLocked(ConsentEvent e)
    {
        if (_ids.TryGetValue(e.EventId, out var existing))
        {
            return existing;
        }

        var seq = _events.Count + 1L;
        _events.Add(e with { Sequence = seq });
        _ids[e.EventId] = seq;
        return seq;
    }

    private void ThrowIfUnavailable()
    {
        if (Unavailable)
        {
            throw new NeedToKnow.Core.Storage.StoreUnavailableException("consent store unavailable");
        }
    }
}
