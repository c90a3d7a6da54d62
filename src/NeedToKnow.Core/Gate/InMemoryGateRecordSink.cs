using System.Runtime.CompilerServices;

namespace NeedToKnow.Core.Gate;

/// <summary>
/// An <see cref="IGateRecordSink"/> and <see cref="IGateRecordReader"/> in memory, for tests and benchmarks.
/// Thread-safe. Set <see cref="Unavailable"/> to make writes throw.
/// </summary>
public sealed class InMemoryGateRecordSink : IGateRecordSink, IGateRecordReader
{
    private readonly List<InterceptionRecord> _interceptions = [];
    private readonly List<PromptRecord> _prompts = [];
    private readonly Lock _lock = new();

    /// <summary>When true, every write throws <see cref="NeedToKnow.Core.Storage.StoreUnavailableException"/>.</summary>
    public bool Unavailable { get; set; }

    /// <summary>The number of batches written.</summary>
    public int Batches { get; private set; }

    /// <summary>A copy of the interceptions stored, in write order.</summary>
    public IReadOnlyList<InterceptionRecord> Interceptions
    {
        get
        {
            lock (_lock)
            {
                return [.. _interceptions];
            }
        }
    }

    /// <summary>A copy of the prompt records stored, in write order.</summary>
    public IReadOnlyList<PromptRecord> Prompts
    {
        get
        {
            lock (_lock)
            {
                return [.. _prompts];
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask WriteAsync(IReadOnlyList<InterceptionRecord> interceptions, IReadOnlyList<PromptRecord> prompts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interceptions);
        ArgumentNullException.ThrowIfNull(prompts);
        lock (_lock)
        {
            if (Unavailable)
            {
                throw new NeedToKnow.Core.Storage.StoreUnavailableException("record sink unavailable");
            }

            _interceptions.AddRange(interceptions);
            _prompts.AddRange(prompts);
            Batches++;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<InterceptionRecord> ReadInterceptionsAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<InterceptionRecord> list;
        lock (_lock)
        {
            list = [.. _interceptions.Where(r => r.Time >= from && r.Time < to).OrderBy(r => r.Time).ThenBy(r => r.DecisionId.Value)];
        }

        foreach (var r in list)
        {
            yield return r;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<PromptRecord> ReadPromptsAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<PromptRecord> list;
        lock (_lock)
        {
            list = [.. _prompts.Where(r => r.Time >= from && r.Time < to).OrderBy(r => r.Time).ThenBy(r => r.DecisionId.Value)];
        }

        foreach (var r in list)
        {
            yield return r;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
