using System.Buffers;
using NeedToKnow.Core.Storage;

namespace NeedToKnow.Core.Audit;

/// <summary>
/// Sequencing with group commit (STYLE.md H16, after Tessera's <c>append_lifecycle.go</c>): an append gets the next
/// index at once and joins the open batch; one writer seals the batch (everything queued while the previous commit ran,
/// up to <see cref="AuditLogOptions.MaxBatchSize"/>, or by age with <see cref="AuditLogOptions.MaxBatchDelay"/>),
/// hashes and integrates it, commits it to the store in one durable transaction, and only then completes every append
/// of the batch through one shared completion (no allocation per append). A full queue gives a typed
/// <see cref="AuditAppendStatus.Pushback"/> instead of growing without bound.
/// </summary>
public sealed class AuditSequencer : IAsyncDisposable
{
    private readonly IAuditLogStore _store;
    private readonly AuditIntegrator _integrator;
    private readonly AuditLogOptions _options;
    private readonly int _maxBatch;
    private readonly Lock _gate = new();
    private readonly Queue<AuditBatchCompletion> _sealed = new();
    private readonly Task _writer;
    private AuditBatchCompletion _open;
    private TaskCompletionSource? _wake;
    private AuditLogUnavailableException? _failure;
    private long _next;
    private int _pending;
    private bool _closed;

    internal AuditSequencer(IAuditLogStore store, AuditIntegrator integrator, AuditLogOptions options)
    {
        _store = store;
        _integrator = integrator;
        _options = options;
        _maxBatch = Math.Clamp(options.MaxBatchSize, 1, AuditBatchCompletion.MaxPositions);
        _next = integrator.Snapshot.Size;
        _open = NewBatch();
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>The entries queued and not yet taken into a commit (at most <see cref="AuditLogOptions.MaxPendingEntries"/>): the log's backlog.</summary>
    public int PendingEntries => Volatile.Read(ref _pending);

    /// <summary>
    /// Appends <paramref name="entry"/>; completes after the batch holding it is durable, with its index, or at once
    /// with a pushback when the queue is full. Once queued, an entry is committed even if the caller stops waiting.
    /// Without a cancellable token the wait allocates nothing.
    /// </summary>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Stops waiting (the entry may still be committed).</param>
    /// <returns>The durable index, or a pushback.</returns>
    /// <exception cref="ArgumentException">The entry breaks a limit of <see cref="AuditEntryCodec"/>.</exception>
    /// <exception cref="AuditLogUnavailableException">The store failed to commit the batch (see <see cref="AuditLogUnavailableException.Stopped"/>).</exception>
    public ValueTask<AuditAppendResult> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        Span<byte> encoded = stackalloc byte[AuditEntryCodec.MaxEncodedBytes];
        var length = AuditEntryCodec.EncodeTo(0, entry, encoded);
        AuditBatchCompletion batch;
        int position;
        lock (_gate)
        {
            if (Refuse(1) is { } refused)
            {
                return refused;
            }

            if (_open.Leaves.Count >= _maxBatch)
            {
                SealOpen();
            }

            batch = _open;
            position = batch.Leaves.Add(encoded[..length]);
            _next++;
            _pending++;
            Wake();
        }

        return Wait(batch, position, cancellationToken);
    }

    /// <summary>
    /// Appends <paramref name="entries"/> together: they get consecutive indexes and are committed in the same
    /// transaction (all or none). Completes with the first entry's index, or a pushback.
    /// </summary>
    /// <param name="entries">One or more entries.</param>
    /// <param name="cancellationToken">Stops waiting (the entries may still be committed).</param>
    /// <returns>The first durable index, or a pushback.</returns>
    /// <exception cref="ArgumentException">An entry breaks a limit of <see cref="AuditEntryCodec"/>, or the list is empty.</exception>
    /// <exception cref="AuditLogUnavailableException">The store failed to commit the batch (see <see cref="AuditLogUnavailableException.Stopped"/>).</exception>
    public ValueTask<AuditAppendResult> AppendManyAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            throw new ArgumentException("an audit batch needs at least one entry", nameof(entries));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(entries.Count * AuditEntryCodec.MaxEncodedBytes);
        var ends = ArrayPool<int>.Shared.Rent(entries.Count);
        try
        {
            var used = 0;
            for (var i = 0; i < entries.Count; i++)
            {
                used += AuditEntryCodec.EncodeTo(0, entries[i], buffer.AsSpan(used, AuditEntryCodec.MaxEncodedBytes));
                ends[i] = used;
            }

            AuditBatchCompletion batch;
            int position;
            lock (_gate)
            {
                if (Refuse(entries.Count) is { } refused)
                {
                    return refused;
                }

                if (_open.Leaves.Count > 0 && _open.Leaves.Count + entries.Count > _maxBatch)
                {
                    SealOpen();
                }

                batch = _open;
                position = batch.Leaves.Count;
                for (var i = 0; i < entries.Count; i++)
                {
                    var start = i == 0 ? 0 : ends[i - 1];
                    batch.Leaves.Add(buffer.AsSpan(start, ends[i] - start));
                }

                _next += entries.Count;
                _pending += entries.Count;
                if (batch.Leaves.Count >= _maxBatch)
                {
                    SealOpen();
                }

                Wake();
            }

            return Wait(batch, position, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<int>.Shared.Return(ends);
        }
    }

    /// <summary>Stops taking appends, commits what is queued and waits for the writer to finish.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _closed = true;
            Wake();
        }

        await _writer.ConfigureAwait(false);
    }

    private static ValueTask<AuditAppendResult> Wait(AuditBatchCompletion batch, int position, CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled
            ? WaitCancellableAsync(batch, position, cancellationToken)
            : new ValueTask<AuditAppendResult>(batch, (short)position);

    private static async ValueTask<AuditAppendResult> WaitCancellableAsync(AuditBatchCompletion batch, int position, CancellationToken cancellationToken)
    {
        await batch.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return batch.Result(position);
    }

    private ValueTask<AuditAppendResult>? Refuse(int count)
    {
        if (_failure is not null)
        {
            return ValueTask.FromException<AuditAppendResult>(_failure);
        }

        if (_closed || _pending + count > _options.MaxPendingEntries)
        {
            return ValueTask.FromResult(new AuditAppendResult(AuditAppendStatus.Pushback, -1, _options.PushbackRetryAfter));
        }

        return null;
    }

    private AuditBatchCompletion NewBatch() => new(new AuditLeafBatch(_next, Math.Min(_maxBatch, 1024)));

    private void SealOpen()
    {
        _sealed.Enqueue(_open);
        _open = NewBatch();
    }

    private void Wake()
    {
        _wake?.TrySetResult();
        _wake = null;
    }

    private async Task WriteLoopAsync()
    {
        var delayed = false;
        while (true)
        {
            AuditBatchCompletion? batch = null;
            Task? wait = null;
            lock (_gate)
            {
                if (_sealed.Count > 0)
                {
                    batch = _sealed.Dequeue();
                    _pending -= batch.Leaves.Count;
                }
                else if (_open.Leaves.Count > 0)
                {
                    if (!delayed && !_closed && _options.MaxBatchDelay > TimeSpan.Zero && _failure is null)
                    {
                        delayed = true;
                        wait = Task.Delay(_options.MaxBatchDelay);
                    }
                    else
                    {
                        batch = _open;
                        _pending -= batch.Leaves.Count;
                        _open = NewBatch();
                    }
                }
                else if (_closed)
                {
                    return;
                }
                else
                {
                    _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    wait = _wake.Task;
                }
            }

            if (wait is not null)
            {
                await wait.ConfigureAwait(false);
                continue;
            }

            delayed = false;
            await CommitAsync(batch!).ConfigureAwait(false);
        }
    }

    private async Task CommitAsync(AuditBatchCompletion batch)
    {
        var leaves = batch.Leaves;
        if (_failure is not null)
        {
            Finish(batch, _failure);
            return;
        }

        try
        {
            leaves.HashLeaves();
            _integrator.Integrate(leaves);
            await _store.AppendAsync(leaves, _integrator.State, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StoreUnavailableException)
        {
            // Only this batch failed: forget it, move the queued batches down to its indexes, and keep going.
            _integrator.Rollback();
            lock (_gate)
            {
                var next = leaves.FirstIndex;
                foreach (var queued in _sealed)
                {
                    queued.Leaves.Rebase(next);
                    next += queued.Leaves.Count;
                }

                _open.Leaves.Rebase(next);
                _next = next + _open.Leaves.Count;
            }

            Finish(batch, new AuditLogUnavailableException("the audit log's store is unavailable; the entries were not written: " + e.Message, false, _options.PushbackRetryAfter, e));
            return;
        }
        catch (Exception e)
        {
            _integrator.Fail(e.Message);
            var failure = new AuditLogUnavailableException("the audit log could not commit a batch; it stopped taking entries: " + e.Message, true, _options.PushbackRetryAfter, e);
            List<AuditBatchCompletion> queued;
            lock (_gate)
            {
                _failure = failure;
                _pending = 0;
                queued = [.. _sealed, _open];
                _sealed.Clear();
                _open = NewBatch();
            }

            Finish(batch, failure);
            foreach (var q in queued)
            {
                Finish(q, failure);
            }

            return;
        }

        _integrator.Publish();
        Finish(batch, null);
    }

    private static void Finish(AuditBatchCompletion batch, Exception? error)
    {
        batch.Leaves.Release();
        batch.Complete(error);
    }
}
