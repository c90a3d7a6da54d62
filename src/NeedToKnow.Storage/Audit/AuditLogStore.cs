using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using NeedToKnow.Core.Audit;
using NeedToKnow.Core.Audit.Merkle;
using NeedToKnow.Storage.Database;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace NeedToKnow.Storage.Audit;

/// <summary>
/// The audit log on SQLite or PostgreSQL: a batch of entries and the new tree state go in one transaction, which is
/// the group commit (SQLite WAL with synchronous=FULL syncs once per commit; PostgreSQL commits with
/// synchronous_commit=on). Rows are written with multi-row INSERTs on SQLite and binary COPY on PostgreSQL.
/// </summary>
internal sealed class AuditLogStore(StoreDatabase database) : IAuditLogStore
{
    private const int RowsPerInsert = 128;

    public async ValueTask<CompactRange?> LoadTreeStateAsync(CancellationToken cancellationToken)
    {
        return await database.ReadAsync(async (conn, ct) =>
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "SELECT state FROM audit_tree_state WHERE id = 1";
            var value = await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
            return value is byte[] bytes ? CompactRange.FromBytes(bytes) : null;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask AppendAsync(IReadOnlyList<AuditLeaf> leaves, CompactRange stateAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        ArgumentNullException.ThrowIfNull(stateAfter);
        if (leaves.Count == 0)
        {
            return;
        }

        await database.WriteAsync(async (conn, tx, ct) =>
        {
            await using (var check = conn.CreateCommand())
            {
                check.Transaction = tx;
                check.CommandText = "SELECT COALESCE(MAX(size), 0) FROM audit_tree_state";
                var next = Convert.ToInt64(await check.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
                if (leaves[0].Index != next || stateAfter.Size != next + leaves.Count)
                {
                    throw new InvalidOperationException($"the audit batch starts at index {leaves[0].Index} with {leaves.Count} entries but the log has {next}");
                }
            }

            if (conn is NpgsqlConnection pg)
            {
                // The audit batch is acknowledged only after the commit is flushed, whatever the server's default.
                await using (var durable = conn.CreateCommand())
                {
                    durable.Transaction = tx;
                    durable.CommandText = "SET LOCAL synchronous_commit TO on";
                    await durable.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await (leaves is AuditLeafBatch pgBatch ? CopyAsync(pg, pgBatch, ct) : CopyAsync(pg, leaves, ct)).ConfigureAwait(false);
            }
            else if (leaves is AuditLeafBatch batch)
            {
                InsertSqlite((SqliteConnection)conn, batch);
            }
            else
            {
                InsertSqlite((SqliteConnection)conn, (SqliteTransaction)tx, leaves);
            }

            await using (var state = conn.CreateCommand())
            {
                state.Transaction = tx;
                state.CommandText = database.Kind == StoreKind.Sqlite
                    ? "INSERT INTO audit_tree_state (id, size, state) VALUES (1, $size, $state) ON CONFLICT (id) DO UPDATE SET size = excluded.size, state = excluded.state"
                    : "INSERT INTO audit_tree_state (id, size, state) VALUES (1, @size, @state) ON CONFLICT (id) DO UPDATE SET size = excluded.size, state = excluded.state";
                AddParameter(state, "size", stateAfter.Size);
                AddParameter(state, "state", stateAfter.ToBytes());
                await state.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <remarks>
    /// Streams in index order (the primary key). On SQLite the read connection gets a 64 MiB page cache and rows are
    /// stepped synchronously through the C API (<see cref="ReadSqlite"/>); Microsoft.Data.Sqlite has no real
    /// asynchronous I/O, so its async calls would only add overhead.
    /// </remarks>
    public async IAsyncEnumerable<AuditLeaf> ReadAsync(long from, long toExclusive, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var conn = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (conn.ConfigureAwait(false))
        {
            if (database.Kind == StoreKind.Sqlite)
            {
                await using var pragma = conn.CreateCommand();
                pragma.CommandText = "PRAGMA cache_size = -65536";
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                foreach (var leaf in ReadSqlite((SqliteConnection)conn, from, toExclusive, cancellationToken))
                {
                    yield return leaf;
                }

                yield break;
            }

            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "SELECT idx, entry, leaf_hash FROM audit_entries WHERE idx >= @from AND idx < @to ORDER BY idx";
            AddParameter(cmd, "from", from);
            AddParameter(cmd, "to", toExclusive);
            var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var rows = 0;
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if ((++rows & 4095) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    yield return new AuditLeaf(reader.GetInt64(0), (byte[])reader.GetValue(1), (byte[])reader.GetValue(2));
                }
            }
        }
    }

    /// <summary>
    /// Steps the rows with SQLite's C API (SQLitePCL.raw): each row costs its two arrays and the leaf, not
    /// Microsoft.Data.Sqlite's per-column type checks and copies, which were most of a whole-log verification's time.
    /// </summary>
    private static IEnumerable<AuditLeaf> ReadSqlite(SqliteConnection conn, long from, long toExclusive, CancellationToken cancellationToken)
    {
        var db = conn.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, "SELECT idx, entry, leaf_hash FROM audit_entries WHERE idx >= ?1 AND idx < ?2 ORDER BY idx", out var stmt), raw.SQLITE_OK);
        using (stmt)
        {
            Check(db, raw.sqlite3_bind_int64(stmt, 1, from), raw.SQLITE_OK);
            Check(db, raw.sqlite3_bind_int64(stmt, 2, toExclusive), raw.SQLITE_OK);
            var rows = 0;
            int rc;
            while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW)
            {
                if ((++rows & 4095) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                yield return new AuditLeaf(raw.sqlite3_column_int64(stmt, 0), raw.sqlite3_column_blob(stmt, 1).ToArray(), raw.sqlite3_column_blob(stmt, 2).ToArray());
            }

            Check(db, rc, raw.SQLITE_DONE);
        }
    }

    /// <remarks>One 64-row range read on the primary key; on SQLite stepped through the C API like <see cref="ReadSqlite"/>.</remarks>
    public void ReadLeafHashes(long from, int count, Span<byte> destination)
    {
        var buffer = new byte[count * MerkleHasher.HashSize];
        var read = database.Read(conn =>
        {
            var expected = from;
            if (conn is SqliteConnection sqlite)
            {
                var db = sqlite.Handle!;
                Check(db, raw.sqlite3_prepare_v2(db, "SELECT idx, leaf_hash FROM audit_entries WHERE idx >= ?1 AND idx < ?2 ORDER BY idx", out var stmt), raw.SQLITE_OK);
                using (stmt)
                {
                    Check(db, raw.sqlite3_bind_int64(stmt, 1, from), raw.SQLITE_OK);
                    Check(db, raw.sqlite3_bind_int64(stmt, 2, from + count), raw.SQLITE_OK);
                    int rc;
                    while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW)
                    {
                        AuditLeafHashes.Copy(raw.sqlite3_column_int64(stmt, 0), expected, raw.sqlite3_column_blob(stmt, 1), buffer.AsSpan((int)(expected - from) * MerkleHasher.HashSize));
                        expected++;
                    }

                    Check(db, rc, raw.SQLITE_DONE);
                }

                return expected - from;
            }

            using var cmd = conn.CreateCommand();
            cmd.CommandText = "SELECT idx, leaf_hash FROM audit_entries WHERE idx >= @from AND idx < @to ORDER BY idx";
            AddParameter(cmd, "from", from);
            AddParameter(cmd, "to", from + count);
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                AuditLeafHashes.Copy(reader.GetInt64(0), expected, reader.GetValue(1) as byte[] ?? [], buffer.AsSpan((int)(expected - from) * MerkleHasher.HashSize));
                expected++;
            }

            return expected - from;
        });
        AuditLeafHashes.CheckCount(from, count, read);
        buffer.CopyTo(destination);
    }

    public async ValueTask AddTreeHeadAsync(SignedTreeHead head, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(head);
        await database.WriteAsync(async (conn, tx, ct) =>
        {
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            var p = database.Kind == StoreKind.Sqlite ? "$" : "@";
            cmd.CommandText = $"INSERT INTO audit_tree_heads (tree_size, timestamp_ms, root_hash, signature) VALUES ({p}size, {p}time, {p}root, {p}sig) ON CONFLICT DO NOTHING";
            AddParameter(cmd, "size", head.TreeSize);
            AddParameter(cmd, "time", head.Timestamp.ToUnixTimeMilliseconds());
            AddParameter(cmd, "root", head.RootHash);
            AddParameter(cmd, "sig", head.Signature);
            return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<SignedTreeHead>> ReadTreeHeadsAsync(CancellationToken cancellationToken)
    {
        return await database.ReadAsync<IReadOnlyList<SignedTreeHead>>(async (conn, ct) =>
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "SELECT tree_size, timestamp_ms, root_hash, signature FROM audit_tree_heads ORDER BY tree_size, timestamp_ms";
            var heads = new List<SignedTreeHead>();
            await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                heads.Add(new SignedTreeHead(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), (byte[])reader.GetValue(2), (byte[])reader.GetValue(3)));
            }

            return heads;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static void InsertSqlite(SqliteConnection conn, SqliteTransaction tx, IReadOnlyList<AuditLeaf> leaves)
    {
        SqliteCommand? full = null;
        try
        {
            for (var at = 0; at < leaves.Count; at += RowsPerInsert)
            {
                var count = Math.Min(RowsPerInsert, leaves.Count - at);
                SqliteCommand cmd;
                if (count == RowsPerInsert)
                {
                    full ??= MultiRowInsert(conn, tx, RowsPerInsert);
                    cmd = full;
                }
                else
                {
                    cmd = MultiRowInsert(conn, tx, count);
                }

                for (var i = 0; i < count; i++)
                {
                    var leaf = leaves[at + i];
                    cmd.Parameters[3 * i].Value = leaf.Index;
                    cmd.Parameters[(3 * i) + 1].Value = leaf.Entry;
                    cmd.Parameters[(3 * i) + 2].Value = leaf.LeafHash;
                }

                cmd.ExecuteNonQuery();
                if (cmd != full)
                {
                    cmd.Dispose();
                }
            }
        }
        finally
        {
            full?.Dispose();
        }
    }

    /// <summary>
    /// The batch's rows through one prepared statement, rebound per row straight from the batch's pooled buffers
    /// (SQLite's C API through SQLitePCL.raw, inside the caller's transaction): no per-row objects or boxing.
    /// </summary>
    private static void InsertSqlite(SqliteConnection conn, AuditLeafBatch batch)
    {
        var db = conn.Handle!;
        var rc = raw.sqlite3_prepare_v2(db, "INSERT INTO audit_entries (idx, entry, leaf_hash) VALUES (?1, ?2, ?3)", out var stmt);
        Check(db, rc, raw.SQLITE_OK);
        using (stmt)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                Check(db, raw.sqlite3_bind_int64(stmt, 1, batch.FirstIndex + i), raw.SQLITE_OK);
                Check(db, raw.sqlite3_bind_blob(stmt, 2, batch.EntryAt(i)), raw.SQLITE_OK);
                Check(db, raw.sqlite3_bind_blob(stmt, 3, batch.LeafHashAt(i)), raw.SQLITE_OK);
                Check(db, raw.sqlite3_step(stmt), raw.SQLITE_DONE);
                raw.sqlite3_reset(stmt);
            }
        }
    }

    private static void Check(sqlite3 db, int rc, int expected)
    {
        if (rc != expected)
        {
            throw new SqliteException("sqlite error " + rc + ": " + raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }
    }

    private static SqliteCommand MultiRowInsert(SqliteConnection conn, SqliteTransaction tx, int rows)
    {
        var sql = new StringBuilder(rows * 24).Append("INSERT INTO audit_entries (idx, entry, leaf_hash) VALUES ");
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        for (var i = 0; i < rows; i++)
        {
            sql.Append(i == 0 ? "" : ",").Append("($i").Append(i).Append(",$e").Append(i).Append(",$h").Append(i).Append(')');
            cmd.Parameters.Add(new SqliteParameter { ParameterName = "$i" + i, SqliteType = SqliteType.Integer });
            cmd.Parameters.Add(new SqliteParameter { ParameterName = "$e" + i, SqliteType = SqliteType.Blob });
            cmd.Parameters.Add(new SqliteParameter { ParameterName = "$h" + i, SqliteType = SqliteType.Blob });
        }

        cmd.CommandText = sql.ToString();
        cmd.Prepare();
        return cmd;
    }

    private static async Task CopyAsync(NpgsqlConnection conn, IReadOnlyList<AuditLeaf> leaves, CancellationToken ct)
    {
        var import = await conn.BeginBinaryImportAsync("COPY audit_entries (idx, entry, leaf_hash) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
        await using (import.ConfigureAwait(false))
        {
            foreach (var leaf in leaves)
            {
                await import.StartRowAsync(ct).ConfigureAwait(false);
                await import.WriteAsync(leaf.Index, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                await import.WriteAsync(leaf.Entry, NpgsqlDbType.Bytea, ct).ConfigureAwait(false);
                await import.WriteAsync(leaf.LeafHash, NpgsqlDbType.Bytea, ct).ConfigureAwait(false);
            }

            await import.CompleteAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Binary COPY straight from the batch's pooled buffers (no per-row arrays); Npgsql buffers the rows and flushes as its buffer fills.</summary>
    private static async Task CopyAsync(NpgsqlConnection conn, AuditLeafBatch batch, CancellationToken ct)
    {
        var import = await conn.BeginBinaryImportAsync("COPY audit_entries (idx, entry, leaf_hash) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
        await using (import.ConfigureAwait(false))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                await import.StartRowAsync(ct).ConfigureAwait(false);
                await import.WriteAsync(batch.FirstIndex + i, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                await import.WriteAsync(batch.EntryMemoryAt(i), NpgsqlDbType.Bytea, ct).ConfigureAwait(false);
                await import.WriteAsync(batch.LeafHashMemoryAt(i), NpgsqlDbType.Bytea, ct).ConfigureAwait(false);
            }

            await import.CompleteAsync(ct).ConfigureAwait(false);
        }
    }

    private static void AddParameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
