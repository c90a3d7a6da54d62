using NeedToKnow.Core.Storage;
using NeedToKnow.Storage.Database;
using NeedToKnow.Storage.Postgres;
using NeedToKnow.Storage.Sqlite;

namespace NeedToKnow.Storage;

/// <summary>
/// An open store: the database of one <see cref="StoreConnection"/>, migrated to this binary's schema, and the
/// implementations of Core's storage ports over it. The server and the CLI open one per process
/// (<c>NeedToKnowStore.OpenAsync(StoreConnection.Parse(db))</c>) and dispose it at shutdown.
/// </summary>
public sealed partial class NeedToKnowStore : IAsyncDisposable
{
    private NeedToKnowStore(StoreDatabase database)
    {
        Database = database;
    }

    /// <summary>Where the store lives.</summary>
    public StoreConnection Connection => Database.Connection;

    /// <summary>The backend's connections (for implementations in this assembly: consent, declarations, audit...).</summary>
    internal StoreDatabase Database { get; }

    /// <summary>
    /// Opens the store, creating the SQLite file when missing, and applies pending migrations
    /// (unless <see cref="StoreOptions.Migrate"/> is false).
    /// </summary>
    /// <param name="connection">Where the store lives.</param>
    /// <param name="options">Tuning; null for the durable defaults.</param>
    /// <param name="ct">Cancels the open.</param>
    /// <returns>The open store; dispose it.</returns>
    /// <exception cref="StoreUnavailableException">The database cannot be reached or opened.</exception>
    /// <exception cref="Migrations.StoreMigrationException">The schema cannot be brought to this version.</exception>
    public static async Task<NeedToKnowStore> OpenAsync(StoreConnection connection, StoreOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= StoreOptions.Default;
        StoreDatabase db = connection.Kind == StoreKind.Sqlite
            ? await SqliteDatabase.OpenAsync(connection, options, ct).ConfigureAwait(false)
            : await PostgresDatabase.OpenAsync(connection, options, ct).ConfigureAwait(false);
        try
        {
            await db.MigrateAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await db.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new NeedToKnowStore(db);
    }

    /// <summary>Closes the connections (pending writes have completed: every write is awaited by its caller).</summary>
    /// <returns>A task that completes when closed.</returns>
    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
