using System.Data.Common;
using NeedToKnow.Core.Storage;

namespace NeedToKnow.Storage.Database;

/// <summary>
/// One backend's connections: reads on pooled connections, writes in one transaction each that is durable when the
/// returned task completes, and the translation of driver errors into <see cref="StoreUnavailableException"/>.
/// Store implementations (consent, declarations, audit log...) are written once against this type; SQL differences
/// between the backends go through <see cref="Dialect"/>.
/// </summary>
internal abstract class StoreDatabase : IAsyncDisposable
{
    protected StoreDatabase(StoreConnection connection, StoreOptions options)
    {
        Connection = connection;
        Options = options;
    }

    public StoreConnection Connection { get; }

    public StoreOptions Options { get; }

    public StoreKind Kind => Connection.Kind;

    public abstract SqlDialect Dialect { get; }

    /// <summary>Opens a pooled connection for reading; the caller disposes it.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    public async ValueTask<DbConnection> OpenReadAsync(CancellationToken ct)
    {
        try
        {
            return await OpenReadCoreAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and commits it; the commit is durable (fsynced, or
    /// acknowledged by a synchronous-commit PostgreSQL) when the returned task completes. A failure rolls the whole
    /// transaction back: nothing is half-written.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached or the commit failed for I/O reasons.</exception>
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        try
        {
            return await WriteCoreAsync(work, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>Runs a read with translated errors.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    public async Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        try
        {
            var conn = await OpenReadCoreAsync(ct).ConfigureAwait(false);
            await using (conn.ConfigureAwait(false))
            {
                return await work(conn, ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>
    /// Runs a short synchronous read with translated errors, for callers that cannot await (proof serving reads one
    /// tile of leaf hashes from inside a synchronous proof builder).
    /// </summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    public T Read<T>(Func<DbConnection, T> work)
    {
        try
        {
            using var conn = OpenReadCore();
            return work(conn);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>Applies pending migrations of this backend (see <see cref="Migrations.StoreMigrator"/>).</summary>
    public abstract Task MigrateAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    protected abstract ValueTask<DbConnection> OpenReadCoreAsync(CancellationToken ct);

    protected abstract DbConnection OpenReadCore();

    protected abstract Task<T> WriteCoreAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken ct);

    /// <summary>True when <paramref name="e"/> means the store is unreachable rather than the operation is wrong.</summary>
    internal abstract bool IsUnavailable(Exception e);

    internal StoreUnavailableException Unavailable(Exception e) =>
        e as StoreUnavailableException ?? new StoreUnavailableException("store unavailable: " + Connection + ": " + ErrorText.FirstLine(e.Message), e);
}
