using System.Diagnostics.CodeAnalysis;

namespace NeedToKnow.Core.Submissions;

/// <summary>An <see cref="ISubmissionStore"/> in memory, for tests and single-process demos. Thread-safe.</summary>
[Experimental("NTK9001")]
public sealed class InMemorySubmissionStore : ISubmissionStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string, int), Submission> _items = [];

    /// <inheritdoc/>
    public ValueTask AddAsync(Submission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        lock (_lock)
        {
            if (!_items.TryAdd((submission.AppId, submission.Version), submission))
            {
                throw new InvalidOperationException("submission `" + submission.AppId + "` version " + submission.Version + " exists");
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<Submission?> DecideAsync(string appId, int version, SubmissionStatus status, string? reason, DateTimeOffset decidedAt, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_items.TryGetValue((appId, version), out var current) || current.Status != SubmissionStatus.Pending)
            {
                return ValueTask.FromResult<Submission?>(null);
            }

            var decided = current with { Status = status, Reason = reason, DecidedAt = decidedAt };
            _items[(appId, version)] = decided;
            return ValueTask.FromResult<Submission?>(decided);
        }
    }

    /// <inheritdoc/>
    public ValueTask<Submission?> GetAsync(string appId, int version, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_items.GetValueOrDefault((appId, version)));
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<Submission>> ListAsync(string? appId, SubmissionStatus? status, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<Submission> list = [.. _items.Values
                .Where(s => (appId is null || s.AppId == appId) && (status is null || s.Status == status))
                .OrderBy(s => s.SubmittedAt).ThenBy(s => s.AppId, StringComparer.Ordinal).ThenBy(s => s.Version)];
            return ValueTask.FromResult(list);
        }
    }
}
