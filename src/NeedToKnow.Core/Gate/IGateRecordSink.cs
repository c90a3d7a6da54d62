using System.Diagnostics.CodeAnalysis;

namespace NeedToKnow.Core.Gate;

/// <summary>
/// Port: where interception and prompt records go. <c>GateService</c> writes them in batches off the
/// decision path. Implemented by the storage (tables the audit log and statistics read) and by
/// <see cref="InMemoryGateRecordSink"/> for tests.
/// </summary>
/// <remarks>A completed write is durable. Implementations may throw when unavailable; the service retries the batch.</remarks>
[Experimental("NTK9001")]
public interface IGateRecordSink
{
    /// <summary>Appends a batch of records, atomically: either all are stored or none.</summary>
    /// <param name="interceptions">Denied decisions, in decision order.</param>
    /// <param name="prompts">Prompt decisions, in decision order.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the batch is durable.</returns>
    ValueTask WriteAsync(IReadOnlyList<InterceptionRecord> interceptions, IReadOnlyList<PromptRecord> prompts, CancellationToken cancellationToken = default);
}
