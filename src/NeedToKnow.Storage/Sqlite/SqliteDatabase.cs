using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using NeedToKnow.Storage.Database;
using NeedToKnow.Storage.Migrations;

namespace NeedToKnow.Storage.Sqlite;

/// <summary>
/// SQLite in WAL mode (https://www.sqlite.org/wal.html): one long-lived writer connection behind a lock, so writes
/// never race for the database lock, and pooled reader connections that read concurrently with the writer.
/// </summary>
/// <remarks>
/// Durability: the writer runs with <c>synchronous=FULL</c> by default, so a commit returns only after the WAL is
/// fsynced; with <see cref="SqliteSynchronous.Normal"/> a commit survives a killed process (the WAL is written to the
/// OS before the commit returns) but not an OS crash (https://www.sqlite.org/pragma.html#pragma_synchronous).
/// </remarks>
internal sealed class SqliteDatabase : StoreDatabase
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly string _connectionString;
    private SqliteConnection? _writer;
    private bool _disposed;

    private SqliteDatabase(StoreConnection connection, StoreOptions options)
        : base(connection, options)
    {
        var timeoutSeconds = Math.Max(1, (int)Math.Ceiling(options.Timeout.TotalSeconds));
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = connection.Target,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = timeoutSeconds,
        }.ToString();
    }

    public override SqlDialect Dialect => SqlDialect.Sqlite;

    /// <summary>The ADO.NET connection string (for DbUp and tests).</summary>
    internal string ConnectionString => _connectionString;

    /// <summary>Opens (creating the file and its folder when missing) and switches the file to WAL mode.</summary>
    /// <exception cref="Core.Storage.StoreUnavailableException">The file cannot be opened.</exception>
    public static async Task<SqliteDatabase> OpenAsync(StoreConnection connection, StoreOptions options, CancellationToken ct)
    {
        var db = new SqliteDatabase(connection, options);
        try
        {
            var dir = Path.GetDirectoryName(connection.Target);
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }

            await db.WriterAsync(ct).ConfigureAwait(false);
            return db;
        }
        catch (Exception e) when (db.IsUnavailable(e))
        {
            await db.DisposeAsync().ConfigureAwait(false);
            throw db.Unavailable(e);
        }
    }

    public override async Task MigrateAsync(CancellationToken ct)
    {
        try
        {
            await _writeLock.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                StoreMigrator.Migrate(this, _connectionString, Options.Migrate);
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_writer is not null)
            {
                await _writer.DisposeAsync().ConfigureAwait(false);
                _writer = null;
            }

            // Close this file's pooled readers so the file (and its -wal/-shm) is released.
            ClearPool();
        }
        finally
        {
            _writeLock.Release();
            _writeLock.Dispose();
        }
    }

    protected override async ValueTask<DbConnection> OpenReadCoreAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        EnsureFileExists();
        var conn = new SqliteConnection(_connectionString);
        try
        {
            await conn.OpenAsync(ct).ConfigureAwait(false);
            return conn;
        }
        catch
        {
            await conn.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override DbConnection OpenReadCore()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        EnsureFileExists();
        var conn = new SqliteConnection(_connectionString);
        try
        {
            conn.Open();
            return conn;
        }
        catch
        {
            conn.Dispose();
            throw;
        }
    }

    protected override async Task<T> WriteCoreAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            try
            {
                EnsureFileExists();
                var writer = await WriterAsync(ct).ConfigureAwait(false);
                // BEGIN IMMEDIATE: take the write lock now, not at the first write, so a busy database fails fast here.
                using var tx = writer.BeginTransaction(deferred: false);
                var result = await work(writer, tx, ct).ConfigureAwait(false);
                tx.Commit();
                return result;
            }
            catch (Exception e) when (IsUnavailable(e))
            {
                // The connection may be unusable (file gone, I/O error): open a fresh one next time.
                await ResetWriterAsync().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    internal override bool IsUnavailable(Exception e) => e switch
    {
        SqliteException s => (s.SqliteErrorCode & 0xFF) switch
        {
            SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED or SQLitePCL.raw.SQLITE_NOMEM
                or SQLitePCL.raw.SQLITE_READONLY or SQLitePCL.raw.SQLITE_IOERR or SQLitePCL.raw.SQLITE_CORRUPT
                or SQLitePCL.raw.SQLITE_FULL or SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_PROTOCOL
                or SQLitePCL.raw.SQLITE_NOTADB => true,
            _ => false,
        },
        IOException or UnauthorizedAccessException or TimeoutException => true,
        Core.Storage.StoreUnavailableException => true,
        _ => false,
    };

    /// <summary>
    /// Fails when the database file is gone (deleted, its folder moved, its volume unmounted). Open connections would
    /// otherwise keep writing into the unlinked file and acknowledge writes that vanish at close.
    /// </summary>
    private void EnsureFileExists()
    {
        if (!File.Exists(Connection.Target))
        {
            throw new IOException("sqlite file `" + Connection.Target + "` is missing");
        }
    }

    private async ValueTask<SqliteConnection> WriterAsync(CancellationToken ct)
    {
        if (_writer is not null)
        {
            return _writer;
        }

        var conn = new SqliteConnection(_connectionString);
        try
        {
            await conn.OpenAsync(ct).ConfigureAwait(false);
            var mode = (string?)await ScalarAsync(conn, "PRAGMA journal_mode=WAL;", ct).ConfigureAwait(false);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new IOException($"sqlite file `{Connection.Target}` could not be switched to wal mode (got `{mode}`)");
            }

            var sync = Options.SqliteSynchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL";
            var busyMs = ((long)Options.Timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            await ScalarAsync(conn, $"PRAGMA synchronous={sync}; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={busyMs};", ct).ConfigureAwait(false);
            _writer = conn;
            return conn;
        }
        catch
        {
            await conn.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async ValueTask ResetWriterAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
            _writer = null;
        }

        ClearPool();
    }

    private void ClearPool()
    {
        using var conn = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(conn);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection conn, string sql, CancellationToken ct)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
    }
}
