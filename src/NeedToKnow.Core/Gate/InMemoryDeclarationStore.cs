using System.Runtime.CompilerServices;

namespace NeedToKnow.Core.Gate;

/// <summary>
/// An <see cref="IDeclarationStore"/> in memory, for tests and benchmarks: not durable. Thread-safe (one lock).
/// Set <see cref="Unavailable"/> to make every call throw, to test fail-closed behaviour.
/// </summary>
public sealed class InMemoryDeclarationStore : IDeclarationStore
{
    private readonly Dictionary<(string App, int Version), DeclarationVersion> _versions = [];
    private readonly Dictionary<string, AppRecord> _apps = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _revision;

    /// <summary>When true, every call throws <see cref="NeedToKnow.Core.Storage.StoreUnavailableException"/>.</summary>
    public bool Unavailable { get; set; }

    /// <inheritdoc/>
    public ValueTask AddVersionAsync(DeclarationVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        lock (_lock)
        {
            ThrowIfUnavailable();
            if (_versions.TryGetValue((version.AppId, version.Version), out var existing))
            {
                if (!SameContent(existing, version))
                {
                    throw new InvalidOperationException("declaration version " + version.Version + " of app `" + version.AppId + "` exists with different content");
                }

                return ValueTask.CompletedTask;
            }

            _versions[(version.AppId, version.Version)] = version;
            return ValueTask.CompletedTask;
        }
    }

    /// <inheritdoc/>
    public ValueTask<DeclarationVersion?> GetVersionAsync(string appId, int version, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            ThrowIfUnavailable();
            return ValueTask.FromResult(_versions.GetValueOrDefault((appId, version)));
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<DeclarationVersion> GetVersionsAsync(string appId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<DeclarationVersion> list;
        lock (_lock)
        {
            ThrowIfUnavailable();
            list = [.. _versions.Values.Where(v => v.AppId == appId).OrderBy(v => v.Version)];
        }

        foreach (var v in list)
        {
            yield return v;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask<long> UpsertAppAsync(AppRecord app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        lock (_lock)
        {
            ThrowIfUnavailable();
            if (app.LiveVersion is { } live && !_versions.ContainsKey((app.AppId, live)))
            {
                throw new InvalidOperationException("app `" + app.AppId + "` points to declaration version " + live + ", which is not stored");
            }

            var revision = ++_revision;
            _apps[app.AppId] = app with { Revision = revision };
            return ValueTask.FromResult(revision);
        }
    }

    /// <inheritdoc/>
    public ValueTask<AppRecord?> GetAppAsync(string appId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            ThrowIfUnavailable();
            return ValueTask.FromResult(_apps.GetValueOrDefault(appId));
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<LiveAppDeclaration> LoadLiveAsync(long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<LiveAppDeclaration> list;
        lock (_lock)
        {
            ThrowIfUnavailable();
            list = [.. _apps.Values.Where(a => a.Revision > afterRevision).OrderBy(a => a.Revision)
                .Select(a => new LiveAppDeclaration(a, a.LiveVersion is { } v ? _versions.GetValueOrDefault((a.AppId, v)) : null))];
        }

        foreach (var a in list)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return a;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static bool SameContent(DeclarationVersion a, DeclarationVersion b) =>
        a.ServiceCategory == b.ServiceCategory && a.Items.SequenceEqual(b.Items) && a.Document == b.Document;

    private void ThrowIfUnavailable()
    {
        if (Unavailable)
        {
            throw new NeedToKnow.Core.Storage.StoreUnavailableException("declaration store unavailable");
        }
    }
}
