using NeedToKnow.Core.Access;
using NeedToKnow.Storage.Database;

namespace NeedToKnow.Storage.Access;

#pragma warning disable NTK9001 // implements Core's experimental port

/// <summary>Hashed API keys in table <c>api_keys</c>. Keys are few and change rarely, so the calls are synchronous.</summary>
internal sealed class SqlAccessKeyStore(StoreDatabase db) : IAccessKeyStore
{
    public IReadOnlyList<AccessKeyRecord> LoadAll()
    {
        return Task.Run(async () =>
        {
            var list = new List<AccessKeyRecord>();
            await foreach (var k in Sql.StreamAsync(db, "SELECT id, role, developer_id, name, hash, created_ticks, revoked FROM api_keys", null, r =>
                new AccessKeyRecord(r.GetString(0), r.GetString(1), r.NullableString(2), r.GetString(3), r.GetString(4), Sql.FromTicks(r.Long(5)), r.Int(6) != 0), CancellationToken.None).ConfigureAwait(false))
            {
                list.Add(k);
            }

            return list;
        }).GetAwaiter().GetResult();
    }

    public void Save(AccessKeyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Task.Run(() => db.WriteAsync(async (conn, tx, ct) =>
        {
            await using (var delete = Sql.Command(conn, tx, "DELETE FROM api_keys WHERE hash = @h").Add("@h", record.Hash))
            {
                await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using var insert = Sql.Command(conn, tx, "INSERT INTO api_keys (hash, id, role, developer_id, name, created_ticks, revoked) VALUES (@h, @i, @r, @d, @n, @t, @x)")
                .Add("@h", record.Hash).Add("@i", record.Id).Add("@r", record.Role).Add("@d", record.DeveloperId).Add("@n", record.Name)
                .Add("@t", Sql.ToTicks(record.CreatedAt)).Add("@x", record.Revoked ? 1 : 0);
            return await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, CancellationToken.None)).GetAwaiter().GetResult();
    }
}
