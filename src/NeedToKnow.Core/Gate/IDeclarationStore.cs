using System.Diagnostics.CodeAnalysis;

namespace NeedToKnow.Core.Gate;

/// <summary>
/// Port: where declaration versions and the app registry live. Implemented in NeedToKnow.Storage (SQLite,
/// PostgreSQL) and in memory by <see cref="InMemoryDeclarationStore"/>. The gate never calls it on the decision
/// path: <c>GateService</c> loads a <see cref="DeclarationSnapshot"/> from it in the background.
/// </summary>
/// <remarks>
/// Every method may throw when the store is unreachable; callers treat any exception as "store unavailable" and
/// the gate fails closed. A completed write is durable.
/// </remarks>
[Experimental("NTK9001")]
public interface IDeclarationStore
{
    /// <summary>Stores a new declaration version. Versions are immutable: storing an existing (app, version) again with different content throws.</summary>
    /// <param name="version">The version to store.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the version is durable.</returns>
    /// <exception cref="InvalidOperationException">The (app, version) pair exists with different content.</exception>
    ValueTask AddVersionAsync(DeclarationVersion version, CancellationToken cancellationToken = default);

    /// <summary>Reads one declaration version.</summary>
    /// <param name="appId">The app.</param>
    /// <param name="version">The version number.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The version, or null when absent.</returns>
    ValueTask<DeclarationVersion?> GetVersionAsync(string appId, int version, CancellationToken cancellationToken = default);

    /// <summary>Reads every version of an app, oldest first.</summary>
    /// <param name="appId">The app.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The versions in increasing version order.</returns>
    IAsyncEnumerable<DeclarationVersion> GetVersionsAsync(string appId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts or replaces an app's registry record (status, live pointer, developer, admissions, bans). The store
    /// assigns a new <see cref="AppRecord.Revision"/>, greater than every revision it assigned before.
    /// </summary>
    /// <param name="app">The record; its <see cref="AppRecord.Revision"/> is ignored.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The revision assigned.</returns>
    /// <exception cref="InvalidOperationException"><see cref="AppRecord.LiveVersion"/> names a version that is not stored.</exception>
    ValueTask<long> UpsertAppAsync(AppRecord app, CancellationToken cancellationToken = default);

    /// <summary>Reads one app's registry record.</summary>
    /// <param name="appId">The app.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record with its revision, or null when unknown.</returns>
    ValueTask<AppRecord?> GetAppAsync(string appId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads every app whose revision is greater than <paramref name="afterRevision"/>, each with its live
    /// declaration version (null when it has none), in increasing revision order. Pass 0 to read all apps.
    /// </summary>
    /// <param name="afterRevision">Only apps changed after this revision.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The changed apps with their live declarations.</returns>
    IAsyncEnumerable<LiveAppDeclaration> LoadLiveAsync(long afterRevision, CancellationToken cancellationToken = default);
}
