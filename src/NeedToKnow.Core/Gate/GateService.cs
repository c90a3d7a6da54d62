using System.Collections.Concurrent;
using NeedToKnow.Core.Consent;

namespace NeedToKnow.Core.Gate;

/// <summary>
/// Composes the gate with its stores: loads the declaration snapshot and the consent cache, follows both in the
/// background, records consent events (durably, then into the cache), and writes interception and prompt records
/// to the sink in batches, off the decision path. Fails closed: until the first load succeeds, and whenever the
/// last successful refresh is older than <see cref="GateServiceOptions.StalenessBound"/>, every decision is a deny
/// with <see cref="GateReason.StoreUnavailable"/>; it recovers by itself on the next successful refresh.
/// </summary>
public sealed class GateService : IAsyncDisposable
{
    private readonly GateRules _rules;
    private readonly IDeclarationStore _declarations;
    private readonly IConsentEventStore _consents;
    private readonly IGateRecordSink _sink;
    private readonly GateServiceOptions _options;
    private readonly TimeProvider _time;
    private readonly DecisionIdSource _ids;
    private readonly SemaphoreSlim _syncLock = new(1, 1);
    private readonly ConcurrentQueue<object> _records = new();
    private readonly SemaphoreSlim _flushLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly long _stalenessTicks;
    private volatile PrivacyGate? _gate;
    private ConsentCache _cache = new();
    private long _cursor;
    private long _lastSyncTimestamp;
    private int _pending;
    private long _dropped;
    private long _rejected;
    private volatile bool _reloadConsents = true;
    private Task? _refreshLoop;
    private Task? _flushLoop;
    private volatile string? _lastError;

    /// <summary>Creates the service; call <see cref="StartAsync"/> to load and start following.</summary>
    /// <param name="rules">The catalog rules.</param>
    /// <param name="declarations">The declaration store.</param>
    /// <param name="consents">The consent ledger.</param>
    /// <param name="sink">Where interception and prompt records go.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <param name="time">The clock; null for the system clock.</param>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    public GateService(GateRules rules, IDeclarationStore declarations, IConsentEventStore consents, IGateRecordSink sink, GateServiceOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(declarations);
        ArgumentNullException.ThrowIfNull(consents);
        ArgumentNullException.ThrowIfNull(sink);
        _rules = rules;
        _declarations = declarations;
        _consents = consents;
        _sink = sink;
        _options = options ?? new GateServiceOptions();
        _time = time ?? TimeProvider.System;
        _ids = new DecisionIdSource(_options.Gate.NodeId, _time.GetUtcNow());
        _stalenessTicks = (long)(_options.StalenessBound.TotalSeconds * _time.TimestampFrequency);
    }

    /// <summary>True when the snapshot and cache are loaded and fresh within the staleness bound.</summary>
    public bool IsReady => _gate is not null && !IsStale();

    /// <summary>The last error met while following the stores or writing records, or null.</summary>
    public string? LastError => _lastError;

    /// <summary>The records waiting to be written.</summary>
    public int PendingRecords => Volatile.Read(ref _pending);

    /// <summary>The records dropped because <see cref="GateServiceOptions.MaxPendingRecords"/> was reached while the sink was unavailable.</summary>
    public long DroppedRecords => Interlocked.Read(ref _dropped);

    /// <summary>
    /// The records the sink refused for good (an error other than the store or the audit log being unavailable or
    /// overloaded, e.g. a value the database cannot hold), written alone and dropped so that they do not hold back the
    /// records behind them; <see cref="LastError"/> names the last one.
    /// </summary>
    public long RejectedRecords => Interlocked.Read(ref _rejected);

    /// <summary>The current consent cache (replaced on a full reload).</summary>
    public ConsentCache Cache => Volatile.Read(ref _cache);

    /// <summary>The current declaration snapshot, or null before the first load.</summary>
    public DeclarationSnapshot? Declarations => _gate?.Declarations;

    /// <summary>Tries a first load, then starts following the stores and writing records in the background. Does not throw when the stores are down: the service stays closed and retries.</summary>
    /// <param name="cancellationToken">Cancels the first load.</param>
    /// <returns>A task that completes after the first load attempt.</returns>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        _refreshLoop ??= Task.Run(() => LoopAsync(_options.RefreshInterval, RefreshLoopStepAsync), CancellationToken.None);
        _flushLoop ??= Task.Run(() => LoopAsync(_options.RecordFlushInterval, async ct => await FlushAsync(ct).ConfigureAwait(false)), CancellationToken.None);
    }

    /// <summary>
    /// Decides a request: a deny with <see cref="GateReason.StoreUnavailable"/> when not loaded or stale, else the
    /// gate's decision. Queues an interception record for a deny and a prompt record for a prompt. Never throws.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>The decision.</returns>
    public GateDecision Decide(in GateRequest request)
    {
        var gate = _gate;
        GateDecision decision;
        if (gate is null)
        {
            decision = new GateDecision(DecisionKind.Deny, GateReason.StoreUnavailable, GateCheck.Store, GateDetail.StoreUnavailable, null, _ids.Next(), 0, null, "stores not loaded yet: " + (_lastError ?? "starting"));
        }
        else if (IsStale())
        {
            decision = new GateDecision(DecisionKind.Deny, GateReason.StoreUnavailable, GateCheck.Store, GateDetail.StoreUnavailable, null, _ids.Next(), 0, null, "stores not reached within the staleness bound: " + (_lastError ?? "unknown"));
        }
        else
        {
            decision = gate.Decide(in request);
        }

        if (decision.Kind != DecisionKind.Allow)
        {
            Enqueue(in request, in decision);
        }

        return decision;
    }

    /// <summary>
    /// Decides many requests: the same decisions and records as <see cref="Decide"/> on each in order, with the
    /// gate's <see cref="PrivacyGate.DecideBatch"/> overlapping the memory reads of independent requests. Never throws
    /// for a request.
    /// </summary>
    /// <param name="requests">The requests.</param>
    /// <param name="decisions">Receives one decision per request, at the same index; at least as long as <paramref name="requests"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="decisions"/> is shorter than <paramref name="requests"/>.</exception>
    public void DecideBatch(ReadOnlySpan<GateRequest> requests, Span<GateDecision> decisions)
    {
        PrivacyGate.CheckBatch(requests.Length, decisions.Length);
        var gate = _gate;
        if (gate is null || IsStale())
        {
            for (var i = 0; i < requests.Length; i++)
            {
                decisions[i] = Decide(in requests[i]);
            }

            return;
        }

        gate.DecideBatch(requests, decisions);
        for (var i = 0; i < requests.Length; i++)
        {
            if (decisions[i].Kind != DecisionKind.Allow)
            {
                Enqueue(in requests[i], in decisions[i]);
            }
        }
    }

    /// <summary>
    /// Records a user's answer: appends it durably to the ledger, then folds the ledger up to it into the cache, so
    /// the very next decision on this node sees it. When the append fails, a restrictive event (refusal, withdrawal,
    /// removal) is still applied to this node's cache before the error is rethrown: failing toward less access.
    /// </summary>
    /// <param name="consentEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The user's new state for the app.</returns>
    /// <exception cref="Exception">Whatever the store throws when the append fails.</exception>
    public async ValueTask<ConsentState> RecordConsentAsync(ConsentEvent consentEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consentEvent);
        long seq;
        try
        {
            seq = await _consents.AppendAsync(consentEvent, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (IsRestrictive(consentEvent.Kind))
            {
                Cache.Apply(consentEvent with { Sequence = 0 });
                _reloadConsents = true;
            }

            throw;
        }

        var sequenced = consentEvent with { Sequence = seq };
        try
        {
            await FollowAsync(seq, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The event is durable but the ledger could not be read back: apply it here now and rebuild the cache
            // from the store on the next successful refresh, so that event order is restored.
            _lastError = "following the consent ledger failed: " + ex.Message;
            _reloadConsents = true;
            return Cache.Apply(sequenced);
        }

        return Cache.TryGet(consentEvent.UserId, consentEvent.AppId, out var state) ? state : Cache.Apply(sequenced);
    }

    /// <summary>
    /// One refresh step: (re)loads or follows declarations and consents. Returns false, keeping the error in
    /// <see cref="LastError"/>, when a store fails.
    /// </summary>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>True when the stores were reached.</returns>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        try
        {
            var gate = _gate;
            DeclarationSnapshot snapshot;
            if (gate is null)
            {
                snapshot = DeclarationSnapshot.Build(_rules, await ToListAsync(_declarations.LoadLiveAsync(0, cancellationToken)).ConfigureAwait(false));
            }
            else
            {
                var changes = await ToListAsync(_declarations.LoadLiveAsync(gate.Declarations.Revision, cancellationToken)).ConfigureAwait(false);
                snapshot = changes.Count == 0 ? gate.Declarations : gate.Declarations.With(changes);
            }

            if (_reloadConsents)
            {
                await _syncLock.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var last = await _consents.GetLastSequenceAsync(cancellationToken).ConfigureAwait(false);
                    var cache = new ConsentCache();
                    await foreach (var s in _consents.LoadStatesAsync(cancellationToken).ConfigureAwait(false))
                    {
                        cache.Set(s);
                    }

                    Volatile.Write(ref _cache, cache);
                    _cursor = last;
                    _reloadConsents = false;
                }
                finally
                {
                    _syncLock.Release();
                }
            }

            await FollowAsync(long.MaxValue, cancellationToken).ConfigureAwait(false);
            if (gate is null || !ReferenceEquals(snapshot, gate.Declarations) || !ReferenceEquals(gate.Consents, Cache))
            {
                _gate = new PrivacyGate(snapshot, Cache, _options.Gate, _ids);
            }

            Volatile.Write(ref _lastSyncTimestamp, started);
            _lastError = null;
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _lastError = ex.GetType().Name + ": " + ex.Message;
            return false;
        }
    }

    /// <summary>Writes the queued interception and prompt records to the sink, in batches. On a sink error the batch stays queued for the next attempt.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the queue is written or a write failed.</returns>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!_records.IsEmpty)
            {
                var interceptions = new List<InterceptionRecord>();
                var prompts = new List<PromptRecord>();
                var taken = new List<object>();
                while (taken.Count < _options.RecordBatchSize && _records.TryPeek(out var r))
                {
                    _records.TryDequeue(out _);
                    taken.Add(r);
                    if (r is InterceptionRecord i)
                    {
                        interceptions.Add(i);
                    }
                    else
                    {
                        prompts.Add((PromptRecord)r);
                    }
                }

                try
                {
                    await _sink.WriteAsync(interceptions, prompts, cancellationToken).ConfigureAwait(false);
                    Interlocked.Add(ref _pending, -taken.Count);
                }
                catch (Exception ex) when (!IsTransient(ex, cancellationToken))
                {
                    // One bad record must not hold back every record behind it: write them one by one.
                    if (!await WriteOneByOneAsync(taken, cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }
                }
                catch (Exception ex)
                {
                    PutBack(taken, 0);
                    _lastError = "writing gate records failed: " + ex.Message;
                    return;
                }
            }
        }
        finally
        {
            _flushLock.Release();
        }
    }

    /// <summary>Writes records alone; drops and counts the ones the sink refuses for good. False when the sink became unavailable (the rest are put back).</summary>
    private async Task<bool> WriteOneByOneAsync(List<object> taken, CancellationToken cancellationToken)
    {
        for (var k = 0; k < taken.Count; k++)
        {
            var r = taken[k];
            try
            {
                await _sink.WriteAsync(r is InterceptionRecord i ? [i] : [], r is PromptRecord p ? [p] : [], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!IsTransient(ex, cancellationToken))
            {
                Interlocked.Increment(ref _rejected);
                _lastError = "a gate record was refused by the store and dropped: " + ex.Message;
            }
            catch (Exception ex)
            {
                PutBack(taken, k);
                _lastError = "writing gate records failed: " + ex.Message;
                return false;
            }

            Interlocked.Decrement(ref _pending);
        }

        return true;
    }

    /// <summary>Puts records back at the end of the queue (records carry their decision ids and times, so order is recoverable).</summary>
    private void PutBack(List<object> taken, int from)
    {
        for (var k = from; k < taken.Count; k++)
        {
            _records.Enqueue(taken[k]);
        }
    }

    /// <summary>Failures worth retrying: the store or the audit log unavailable or overloaded, or the flush cancelled.</summary>
    private static bool IsTransient(Exception ex, CancellationToken cancellationToken) =>
        ex is Storage.StoreUnavailableException or Audit.AuditPushbackException or Audit.AuditLogUnavailableException or TimeoutException
        || (ex is OperationCanceledException && cancellationToken.IsCancellationRequested);

    /// <summary>Stops the background loops and writes the remaining records once.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var loop in new[] { _refreshLoop, _flushLoop })
        {
            if (loop is not null)
            {
                try
                {
                    await loop.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }

        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        _stop.Dispose();
        _syncLock.Dispose();
        _flushLock.Dispose();
    }

    private static bool IsRestrictive(ConsentEventKind kind) =>
        kind is ConsentEventKind.DeclarationRefused or ConsentEventKind.ScopeRefused or ConsentEventKind.Withdrawn or ConsentEventKind.AppRemoved;

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items.ConfigureAwait(false))
        {
            list.Add(item);
        }

        return list;
    }

    private bool IsStale() => _time.GetTimestamp() - Volatile.Read(ref _lastSyncTimestamp) > _stalenessTicks;

    private async Task FollowAsync(long upTo, CancellationToken cancellationToken)
    {
        await _syncLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var cache = Cache;
            while (_cursor < upTo)
            {
                var read = 0;
                await foreach (var e in _consents.ReadAfterAsync(_cursor, _options.FollowBatchSize, cancellationToken).ConfigureAwait(false))
                {
                    cache.Apply(e);
                    _cursor = e.Sequence;
                    read++;
                }

                if (read < _options.FollowBatchSize)
                {
                    break;
                }
            }
        }
        finally
        {
            _syncLock.Release();
        }
    }

    private void Enqueue(in GateRequest request, in GateDecision decision)
    {
        if (Interlocked.Increment(ref _pending) > _options.MaxPendingRecords)
        {
            Interlocked.Decrement(ref _pending);
            Interlocked.Increment(ref _dropped);
            return;
        }

        _records.Enqueue(decision.Kind == DecisionKind.Deny ? InterceptionRecord.From(in request, in decision) : PromptRecord.From(in request, in decision));
    }

    private async Task RefreshLoopStepAsync(CancellationToken cancellationToken) => await RefreshAsync(cancellationToken).ConfigureAwait(false);

    private async Task LoopAsync(TimeSpan interval, Func<CancellationToken, Task> step)
    {
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                await step(_stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }
}
