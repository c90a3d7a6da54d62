using System.Data.Common;
using System.Net.Sockets;
using NeedToKnow.Storage.Database;
using NeedToKnow.Storage.Migrations;
using Npgsql;

namespace NeedToKnow.Storage.Postgres;

/// <summary>
/// PostgreSQL through one <see cref="NpgsqlDataSource"/> (connection pool). Every write is one transaction; the
/// session runs with <c>synchronous_commit=on</c> (forced in the startup options), so a commit returns only after
/// the server has flushed its WAL (https://www.postgresql.org/docs/current/wal-async-commit.html).
/// </summary>
internal sealed class PostgresDatabase : StoreDatabase
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _connectionString;

    private PostgresDatabase(StoreConnection connection, StoreOptions options)
        : base(connection, options)
    {
        var b = new NpgsqlConnectionStringBuilder(connection.Target);
        var seconds = Math.Max(1, (int)Math.Ceiling(options.Timeout.TotalSeconds));
        if (!HasExplicit(connection.Target, "Timeout"))
        {
            b.Timeout = seconds;
        }

        if (!HasExplicit(connection.Target, "Command Timeout"))
        {
            b.CommandTimeout = Math.Max(seconds, 30);
        }

        if (string.IsNullOrEmpty(b.Options))
        {
            // Acknowledged means durable, whatever the server's default (postgresql.conf may say off).
            b.Options = "-c synchronous_commit=on";
        }

        if (string.IsNullOrEmpty(b.ApplicationName))
        {
            b.ApplicationName = "ntk";
        }

        _connectionString = b.ConnectionString;
        _dataSource = NpgsqlDataSource.Create(_connectionString);
    }

    public override SqlDialect Dialect => SqlDialect.Postgres;

    /// <summary>The connection string the data source uses (for DbUp and tests).</summary>
    internal string ConnectionString => _connectionString;

    /// <summary>The pool.</summary>
    internal NpgsqlDataSource DataSource => _dataSource;

    /// <summary>Creates the pool and checks the server answers.</summary>
    /// <exception cref="Core.Storage.StoreUnavailableException">The server cannot be reached.</exception>
    public static async Task<PostgresDatabase> OpenAsync(StoreConnection connection, StoreOptions options, CancellationToken ct)
    {
        var db = new PostgresDatabase(connection, options);
        try
        {
            var conn = await db._dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await conn.DisposeAsync().ConfigureAwait(false);
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
            // Many `ntk serve` nodes may start at once: a session advisory lock lets one migrate while the others
            // wait, then find nothing to do. The key is fixed: 'ntk' 'migr' as a 64-bit number.
            var conn = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using (conn.ConfigureAwait(false))
            {
                await using (var cmd = new NpgsqlCommand("SELECT pg_advisory_lock(72385742026)", conn))
                {
                    await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                try
                {
                    StoreMigrator.Migrate(this, _connectionString, Options.Migrate);
                }
                finally
                {
                    await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(72385742026)", conn);
                    await unlock.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    protected override async ValueTask<DbConnection> OpenReadCoreAsync(CancellationToken ct) =>
        await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);

    protected override DbConnection OpenReadCore() => _dataSource.OpenConnection();

    protected override async Task<T> WriteCoreAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        var conn = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using (conn.ConfigureAwait(false))
        {
            var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                var result = await work(conn, tx, ct).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
                return result;
            }
        }
    }

    internal override bool IsUnavailable(Exception e) => e switch
    {
        PostgresException p => p.SqlState.Length >= 2 && p.SqlState[..2] switch
        {
            // 08 connection exception, 53 insufficient resources, 57 operator intervention (shutdown, cannot
            // connect now), 58 system error, 3D invalid catalog name (database missing)
            // (https://www.postgresql.org/docs/current/errcodes-appendix.html)
            "08" or "53" or "57" or "58" or "3D" => true,
            _ => false,
        },
        NpgsqlException => true,
        SocketException or IOException or TimeoutException => true,
        Core.Storage.StoreUnavailableException => true,
        _ => false,
    };

    private static bool HasExplicit(string connectionString, string keyword) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.ContainsKey(keyword);
}
