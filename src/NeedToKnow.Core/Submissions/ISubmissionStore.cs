using System.Diagnostics.CodeAnalysis;

namespace NeedToKnow.Core.Submissions;

/// <summary>Port: where submissions and their verdicts live. Implemented in NeedToKnow.Storage and in memory.</summary>
/// <remarks>A completed write is durable. Methods may throw when the store is unreachable.</remarks>
[Experimental("NTK9001")]
public interface ISubmissionStore
{
    /// <summary>Stores a new submission.</summary>
    /// <param name="submission">The submission.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when it is durable.</returns>
    /// <exception cref="InvalidOperationException">A submission for the same app and version exists.</exception>
    ValueTask AddAsync(Submission submission, CancellationToken cancellationToken = default);

    /// <summary>Sets the verdict of a pending submission.</summary>
    /// <param name="appId">The app.</param>
    /// <param name="version">The version.</param>
    /// <param name="status"><see cref="SubmissionStatus.Approved"/>, <see cref="SubmissionStatus.Rejected"/> or <see cref="SubmissionStatus.Superseded"/>.</param>
    /// <param name="reason">The operator's reason, or null.</param>
    /// <param name="decidedAt">When.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The updated submission, or null when there is no pending submission with that app and version.</returns>
    ValueTask<Submission?> DecideAsync(string appId, int version, SubmissionStatus status, string? reason, DateTimeOffset decidedAt, CancellationToken cancellationToken = default);

    /// <summary>Reads one submission.</summary>
    /// <param name="appId">The app.</param>
    /// <param name="version">The version.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The submission, or null.</returns>
    ValueTask<Submission?> GetAsync(string appId, int version, CancellationToken cancellationToken = default);

    /// <summary>Reads submissions: of one app (all statuses), or of every app with the given status, oldest first.</summary>
    /// <param name="appId">The app, or null for every app.</param>
    /// <param name="status">Only this status, or null for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The submissions.</returns>
    ValueTask<IReadOnlyList<Submission>> ListAsync(string? appId, SubmissionStatus? status, CancellationToken cancellationToken = default);
}
