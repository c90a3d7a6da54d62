using System.Threading.Channels;
using NeedToKnow.Core.Audit.Merkle;

namespace NeedToKnow.Core.Audit;

/// <summary>
/// Sequencing with group commit (STYLE.md H16, after Tessera's <c>append_lifecycle.go</c>): appends queue here, one
/// writer assigns consecutive indexes to a batch (by size, or by age with <see cref="AuditLogOptions.MaxBatchDelay"/>),
/// integrates it, commits it to the store in one durable transaction, and only then completes each append with its
/// index. A full queue gives a typed <see cref="AuditAppendStatus.Pushback"/> instead of growing without bound.
/// </summary>
public sealed class AuditSequencer : IAsyncDisposable
{
    private readonly IAuditLogStore _store;
    private readonly AuditIntegrator _integrator;
    private readonly AuditLogOptions _options;
    private readonly Channel<Pending> _queue;
    private readonly Task _writer;
    private long _next;

    internal AuditSequencer(IAuditLogStore store, AuditIntegrator integrator, AuditLogOptions options)
    {
        _store = store;
        _integrator = integrator;
        _options = options;
        _next = integrator.Snapshot.Size;
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.MaxPendingEntries)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>
    /// Appends <paramref name="entry"/>; completes after the batch holding it is durable, with its index, or at once
    /// with a pushback when the queue is full. Once queued, an entry is committed even if the caller stops waiting.
    /// </summary>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Stops waiting (the entry may still be committed).</param>
    /// <returns>The durable index, or a pushback.</returns>
    /// <exception cref="ArgumentException">The entry breaks a limit of <see cref="AuditEntryCodec"/>.</exception>
    /// <exception cref="InvalidOperationException">The store failed to commit; the log stopped (fail closed).</exception>
    public ValueTask<AuditAppendResult> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        var encoded = AuditEntryCodec.Encode(0, entry);
        return Enqueue(new Pending([encoded]), cancellationToken);
    }

    /// <summary>
    /// Appends <paramref name="entries"/> together: they get consecutive indexes and are committed in the same
    /// transaction (all or none). Completes with the first entry's index, or a pushback.
    /// </summary>
    /// <param name="entries">One or more entries.</param>
    /// <param name="cancellationToken">Stops waiting (the entries may still be committed).</param>
    /// <returns>The first durable index, or a pushback.</returns>
    /// <exception cref="ArgumentException">An entry breaks a limit of <see cref="AuditEntryCodec"/>, or the list is empty.</exception>
    /// <exception cref="InvalidOperationException">The store failed to commit; the log stopped (fail closed).</exception>
    public ValueTask<AuditAppendResult> AppendManyAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            throw new ArgumentException("an audit batch needs at least one entry", nameof(entries));
        }

        var encoded = new byte[entries.Count][];
        for (var i = 0; i < encoded.Length; i++)
        {
            encoded[i] = AuditEntryCodec.Encode(0, entries[i]);
        }

        return Enqueue(new Pending(encoded), cancellationToken);
    }

    private ValueTask<AuditAppendResult> Enqueue(Pending pending, CancellationToken cancellationToken)
    {
        if (!_queue.Writer.TryWrite(pending))
        {
            return ValueTask.FromResult(new AuditAppendResult(AuditAppendStatus.Pushback, -1, _options.PushbackRetryAfter));
        }

        return AwaitAsync(pending.Completion.Task, cancellationToken);
    }

    /// <summary>Stops taking appends, commits what is queued and waits for the writer to finish.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private static async ValueTask<AuditAppendResult> AwaitAsync(Task<long> completion, CancellationToken cancellationToken)
    {
        var index = await completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new AuditAppendResult(AuditAppendStatus.Appended, index, TimeSpan.Zero);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(_options.MaxBatchSize);
        var leaves = new List<AuditLeaf>(_options.MaxBatchSize);
        var reader = _queue.Reader;
        Exception? failure = null;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            leaves.Clear();
            Drain(reader, batch);
            if (batch.Count < _options.MaxBatchSize && _options.MaxBatchDelay > TimeSpan.Zero && batch.Count > 0)
            {
                await Task.Delay(_options.MaxBatchDelay).ConfigureAwait(false);
                Drain(reader, batch);
            }

            if (failure is not null)
            {
                FailAll(batch, failure);
                continue;
            }

            var firsts = new long[batch.Count];
            for (var b = 0; b < batch.Count; b++)
            {
                firsts[b] = _next;
                foreach (var entry in batch[b].Entries)
                {
                    AuditEntryCodec.SetIndex(entry, _next);
                    leaves.Add(new AuditLeaf(_next, entry, MerkleHasher.HashLeaf(entry)));
                    _next++;
                }
            }

            try
            {
                _integrator.Integrate(leaves);
                await _store.AppendAsync(leaves, _integrator.State, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _integrator.Fail(e.Message);
                failure = new InvalidOperationException("the audit log could not commit a batch; it stopped taking entries: " + e.Message, e);
                FailAll(batch, failure);
                continue;
            }

            _integrator.Publish();
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(firsts[i]);
            }
        }
    }

    private void Drain(ChannelReader<Pending> reader, List<Pending> batch)
    {
        var entries = 0;
        foreach (var queued in batch)
        {
            entries += queued.Entries.Length;
        }

        while (entries < _options.MaxBatchSize && reader.TryRead(out var pending))
        {
            batch.Add(pending);
            entries += pending.Entries.Length;
        }
    }

    private static void FailAll(List<Pending> batch, Exception failure)
    {
        foreach (var pending in batch)
        {
            pending.Completion.TrySetException(failure);
        }
    }

    private sealed class Pending(byte[][] entries)
    {
        public byte[][] Entries { get; } = entries;

        public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
