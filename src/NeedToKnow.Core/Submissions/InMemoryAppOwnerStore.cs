using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace NeedToKnow.Core.Submissions;

/// <summary>An <see cref="IAppOwnerStore"/> in memory, for tests. Thread-safe.</summary>
[Experimental("NTK9001")]
public sealed class InMemoryAppOwnerStore : IAppOwnerStore
{
    private readonly ConcurrentDictionary<string, string> _owners = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask<bool> SetOwnerAsync(string appId, string developerId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_owners.GetOrAdd(appId, developerId) == developerId);

    /// <inheritdoc/>
    public ValueTask<string?> GetOwnerAsync(string appId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_owners.GetValueOrDefault(appId));

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<(string AppId, string DeveloperId)>> ListAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<(string, string)> list = [.. _owners.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value))];
        return ValueTask.FromResult(list);
    }
}
