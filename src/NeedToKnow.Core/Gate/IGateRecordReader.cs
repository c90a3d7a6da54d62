using System.Diagnostics.CodeAnalysis;

namespace NeedToKnow.Core.Gate;

/// <summary>
/// Port: reads back what an <see cref="IGateRecordSink"/> stored, for the audit log and the statistics.
/// Implemented by the storage and by <see cref="InMemoryGateRecordSink"/>.
/// </summary>
[Experimental("NTK9001")]
public interface IGateRecordReader
{
    /// <summary>Reads interceptions whose <see cref="InterceptionRecord.Time"/> is in [<paramref name="from"/>, <paramref name="to"/>), ordered by time then decision id.</summary>
    /// <param name="from">Inclusive lower bound.</param>
    /// <param name="to">Exclusive upper bound.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records.</returns>
    IAsyncEnumerable<InterceptionRecord> ReadInterceptionsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Reads prompt records whose <see cref="PromptRecord.Time"/> is in [<paramref name="from"/>, <paramref name="to"/>), ordered by time then decision id.</summary>
    /// <param name="from">Inclusive lower bound.</param>
    /// <param name="to">Exclusive upper bound.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records.</returns>
    IAsyncEnumerable<PromptRecord> ReadPromptsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
