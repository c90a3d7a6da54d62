using Microsoft.Data.Sqlite;
using NeedToKnow.Core.Storage;
using Npgsql;

namespace NeedToKnow.Storage;

/// <summary>Looking into a database without changing it, for the read-only commands (verify, prove, stats, export).</summary>
public sealed partial class NeedToKnowStore
{
    /// <summary>
    /// True when <paramref name="connection"/> holds a NeedToKnow audit log (the <c>audit_entries</c> table of migration
    /// 0100). The SQLite file is opened read-only and never created or migrated: a tool that checks a log must not
    /// write into it.
    /// </summary>
    /// <param name="connection">Where the store lives.</param>
    /// <param name="ct">Cancels the probe.</param>
    /// <returns>True when the audit tables exist.</returns>
    /// <exception cref="StoreUnavailableException">The database cannot be opened or read (missing file, not a database).</exception>
    public static async Task<bool> HasAuditLogAsync(StoreConnection connection, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            if (connection.Kind == StoreKind.Sqlite)
            {
                var text = new SqliteConnectionStringBuilder { DataSource = connection.Target, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
                await using var sqlite = new SqliteConnection(text);
                await sqlite.OpenAsync(ct).ConfigureAwait(false);
                await using var command = sqlite.CreateCommand();
                command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_entries'";
                return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
            }

            await using var postgres = new NpgsqlConnection(connection.Target);
            await postgres.OpenAsync(ct).ConfigureAwait(false);
            await using var query = postgres.CreateCommand();
            query.CommandText = "SELECT to_regclass('audit_entries') IS NOT NULL";
            return (bool)(await query.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }
        catch (Exception e) when (e is SqliteException or NpgsqlException or InvalidOperationException)
        {
            throw new StoreUnavailableException("cannot read `" + connection + "`: " + e.Message.Split('\n')[0].TrimEnd('.'), e);
        }
    }
}
