using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;

namespace NeedToKnow.Storage.Database;

/// <summary>Small ADO.NET helpers shared by the SQLite and PostgreSQL stores: commands, parameters, times, streaming.</summary>
internal static class Sql
{
    private static readonly long UnixEpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    /// <summary>Unix time in 100 ns ticks: the stored form of every time (lossless for <see cref="DateTimeOffset"/>).</summary>
    public static long ToTicks(DateTimeOffset time) => time.UtcTicks - UnixEpochTicks;

    /// <summary>The inverse of <see cref="ToTicks"/>, in UTC.</summary>
    public static DateTimeOffset FromTicks(long ticks) => new(ticks + UnixEpochTicks, TimeSpan.Zero);

    public static DbCommand Command(DbConnection conn, DbTransaction? tx, string sql)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    public static DbCommand Add(this DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
        return cmd;
    }

    public static int Int(this DbDataReader r, int i) => Convert.ToInt32(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);

    public static long Long(this DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);

    public static string? NullableString(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static int? NullableInt(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.Int(i);

    /// <summary>A multi-row <c>VALUES</c> list: <c>(@p0_0, @p0_1), (@p1_0, @p1_1)</c> for rows × columns.</summary>
    public static string Values(int rows, int columns, string prefix = "p")
    {
        var sb = new StringBuilder(rows * columns * 8);
        for (var r = 0; r < rows; r++)
        {
            sb.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns; c++)
            {
                if (c > 0)
                {
                    sb.Append(", ");
                }

                sb.Append('@').Append(prefix).Append(r).Append('_').Append(c);
            }

            sb.Append(')');
        }

        return sb.ToString();
    }

    public static string Param(int row, int column, string prefix = "p") => "@" + prefix + row + "_" + column;

    /// <summary>
    /// Streams the rows of a query on its own pooled connection, translating driver errors into
    /// <see cref="Core.Storage.StoreUnavailableException"/>.
    /// </summary>
    public static async IAsyncEnumerable<T> StreamAsync<T>(
        StoreDatabase db, string sql, Action<DbCommand>? bind, Func<DbDataReader, T> map, [EnumeratorCancellation] CancellationToken ct)
    {
        var conn = await db.OpenReadAsync(ct).ConfigureAwait(false);
        await using (conn.ConfigureAwait(false))
        {
            await using var cmd = Command(conn, null, sql);
            bind?.Invoke(cmd);
            DbDataReader reader;
            try
            {
                reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (db.IsUnavailable(e))
            {
                throw db.Unavailable(e);
            }

            await using (reader.ConfigureAwait(false))
            {
                while (true)
                {
                    T item;
                    try
                    {
                        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
                        {
                            break;
                        }

                        item = map(reader);
                    }
                    catch (Exception e) when (db.IsUnavailable(e))
                    {
                        throw db.Unavailable(e);
                    }

                    yield return item;
                }
            }
        }
    }

    /// <summary>Bumps a row of <c>ntk_counters</c> by <paramref name="count"/> and returns the new value; the row lock is held to commit.</summary>
    public static async Task<long> BumpCounterAsync(DbConnection conn, DbTransaction tx, string name, long count, CancellationToken ct)
    {
        await using var cmd = Command(conn, tx, "UPDATE ntk_counters SET value = value + @n WHERE name = @name RETURNING value")
            .Add("@n", count).Add("@name", name);
        var value = await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException("counter `" + name + "` is missing from ntk_counters");
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
