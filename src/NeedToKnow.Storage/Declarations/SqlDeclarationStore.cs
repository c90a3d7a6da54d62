using System.Data.Common;
using System.Text.Json;
using NeedToKnow.Core.Gate;
using NeedToKnow.Storage.Database;

namespace NeedToKnow.Storage.Declarations;

/// <summary>
/// Declaration versions (append-only, immutable per (app, version)) and the app registry: <c>apps</c> is the current
/// record per app, <c>app_revisions</c> keeps every change (status, live pointer, admissions, enforcement bans).
/// Revisions come from the <c>ntk_counters</c> row, locked to commit, so they commit in order and
/// <see cref="LoadLiveAsync"/> followers never miss a change.
/// </summary>
internal sealed class SqlDeclarationStore : IDeclarationStore
{
    private const string AppColumns = "a.app_id, a.revision, a.status, a.live_version, a.developer_name, a.developer_entity, a.developer_verified, a.admissions, a.banned_keys";
    private const string VersionColumns = "v.app_id, v.version, v.created_ticks, v.service_category, v.items, v.document";

    private readonly StoreDatabase _db;
    private readonly TimeProvider _time;

    public SqlDeclarationStore(StoreDatabase db, TimeProvider? time = null)
    {
        _db = db;
        _time = time ?? TimeProvider.System;
    }

    public async ValueTask AddVersionAsync(DeclarationVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentException.ThrowIfNullOrEmpty(version.AppId);
        ArgumentNullException.ThrowIfNull(version.Items);
        ArgumentOutOfRangeException.ThrowIfLessThan(version.Version, 1);
        var items = ItemsJson(version.Items);
        await _db.WriteAsync(async (conn, tx, ct) =>
        {
            await using (var find = Sql.Command(conn, tx, "SELECT service_category, items, document FROM declaration_versions WHERE app_id = @a AND version = @v")
                .Add("@a", version.AppId).Add("@v", version.Version))
            {
                await using var r = await find.ExecuteReaderAsync(ct).ConfigureAwait(false);
                if (await r.ReadAsync(ct).ConfigureAwait(false))
                {
                    if (r.NullableString(0) == version.ServiceCategory && r.GetString(1) == items && r.NullableString(2) == version.Document)
                    {
                        return 0;
                    }

                    throw new InvalidOperationException("declaration version " + version.Version + " of app `" + version.AppId + "` exists with different content");
                }
            }

            await using var insert = Sql.Command(conn, tx,
                "INSERT INTO declaration_versions (app_id, version, created_ticks, service_category, items, document) VALUES (@a, @v, @t, @c, @i, @d)")
                .Add("@a", version.AppId).Add("@v", version.Version).Add("@t", Sql.ToTicks(version.CreatedAt))
                .Add("@c", version.ServiceCategory).Add("@i", items).Add("@d", version.Document);
            return await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<DeclarationVersion?> GetVersionAsync(string appId, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appId);
        await foreach (var v in Sql.StreamAsync(_db, "SELECT " + VersionColumns + " FROM declaration_versions v WHERE v.app_id = @a AND v.version = @v",
            cmd => cmd.Add("@a", appId).Add("@v", version), r => ReadVersion(r, 0), cancellationToken).ConfigureAwait(false))
        {
            return v;
        }

        return null;
    }

    public IAsyncEnumerable<DeclarationVersion> GetVersionsAsync(string appId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appId);
        return Sql.StreamAsync(_db, "SELECT " + VersionColumns + " FROM declaration_versions v WHERE v.app_id = @a ORDER BY v.version",
            cmd => cmd.Add("@a", appId), r => ReadVersion(r, 0), cancellationToken);
    }

    public async ValueTask<long> UpsertAppAsync(AppRecord app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentException.ThrowIfNullOrEmpty(app.AppId);
        ArgumentNullException.ThrowIfNull(app.Developer);
        ArgumentNullException.ThrowIfNull(app.Admissions);
        ArgumentNullException.ThrowIfNull(app.BannedKeys);
        var admissions = JsonSerializer.Serialize(app.Admissions);
        var banned = JsonSerializer.Serialize(app.BannedKeys);
        return await _db.WriteAsync(async (conn, tx, ct) =>
        {
            if (app.LiveVersion is { } live)
            {
                await using var check = Sql.Command(conn, tx, "SELECT COUNT(*) FROM declaration_versions WHERE app_id = @a AND version = @v")
                    .Add("@a", app.AppId).Add("@v", live);
                if (Convert.ToInt64(await check.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    throw new InvalidOperationException("app `" + app.AppId + "` points to declaration version " + live + ", which is not stored");
                }
            }

            var revision = await Sql.BumpCounterAsync(conn, tx, "app_revision", 1, ct).ConfigureAwait(false);
            const string Columns = "app_id, revision, status, live_version, developer_name, developer_entity, developer_verified, admissions, banned_keys";
            await using (var upsert = Bind(Sql.Command(conn, tx, "INSERT INTO apps (" + Columns + ") VALUES (@a, @r, @s, @l, @dn, @de, @dv, @ad, @b)"
                + " ON CONFLICT (app_id) DO UPDATE SET revision = excluded.revision, status = excluded.status, live_version = excluded.live_version,"
                + " developer_name = excluded.developer_name, developer_entity = excluded.developer_entity,"
                + " developer_verified = excluded.developer_verified, admissions = excluded.admissions, banned_keys = excluded.banned_keys"), app, revision, admissions, banned))
            {
                await upsert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using (var history = Bind(Sql.Command(conn, tx, "INSERT INTO app_revisions (" + Columns + ", recorded_ticks) VALUES (@a, @r, @s, @l, @dn, @de, @dv, @ad, @b, @t)"), app, revision, admissions, banned)
                .Add("@t", Sql.ToTicks(_time.GetUtcNow())))
            {
                await history.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            return revision;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<AppRecord?> GetAppAsync(string appId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appId);
        await foreach (var a in Sql.StreamAsync(_db, "SELECT " + AppColumns + " FROM apps a WHERE a.app_id = @a",
            cmd => cmd.Add("@a", appId), ReadApp, cancellationToken).ConfigureAwait(false))
        {
            return a;
        }

        return null;
    }

    public IAsyncEnumerable<LiveAppDeclaration> LoadLiveAsync(long afterRevision, CancellationToken cancellationToken = default) =>
        Sql.StreamAsync(_db,
            "SELECT " + AppColumns + ", " + VersionColumns + " FROM apps a LEFT JOIN declaration_versions v ON v.app_id = a.app_id AND v.version = a.live_version"
            + " WHERE a.revision > @r ORDER BY a.revision",
            cmd => cmd.Add("@r", afterRevision),
            r => new LiveAppDeclaration(ReadApp(r), r.IsDBNull(9) ? null : ReadVersion(r, 9)),
            cancellationToken);

    private static DbCommand Bind(DbCommand cmd, AppRecord app, long revision, string admissions, string banned) => cmd
        .Add("@a", app.AppId).Add("@r", revision).Add("@s", (int)app.Status).Add("@l", app.LiveVersion)
        .Add("@dn", app.Developer.Name).Add("@de", app.Developer.EntityType).Add("@dv", app.Developer.Verified ? 1 : 0)
        .Add("@ad", admissions).Add("@b", banned);

    private static AppRecord ReadApp(DbDataReader r) => new(
        AppId: r.GetString(0),
        Status: (AppStatus)r.Int(2),
        LiveVersion: r.NullableInt(3),
        Developer: new DeveloperInfo(r.GetString(4), r.GetString(5), r.Int(6) != 0),
        Admissions: JsonSerializer.Deserialize<string[]>(r.GetString(7)) ?? [],
        BannedKeys: JsonSerializer.Deserialize<string[]>(r.GetString(8)) ?? [],
        Revision: r.Long(1));

    private static DeclarationVersion ReadVersion(DbDataReader r, int o) => new(
        AppId: r.GetString(o),
        Version: r.Int(o + 1),
        Items: ParseItems(r.GetString(o + 4)),
        ServiceCategory: r.NullableString(o + 3),
        CreatedAt: Sql.FromTicks(r.Long(o + 2)),
        Document: r.NullableString(o + 5));

    private static string ItemsJson(IReadOnlyList<DeclaredItem> items)
    {
        var dto = new ItemDto[items.Count];
        for (var i = 0; i < dto.Length; i++)
        {
            dto[i] = new ItemDto(items[i].Key, items[i].Purpose, items[i].Necessary);
        }

        return JsonSerializer.Serialize(dto);
    }

    private static DeclaredItem[] ParseItems(string json)
    {
        var dto = JsonSerializer.Deserialize<ItemDto[]>(json) ?? [];
        var items = new DeclaredItem[dto.Length];
        for (var i = 0; i < dto.Length; i++)
        {
            items[i] = new DeclaredItem(dto[i].k, dto[i].p, dto[i].n);
        }

        return items;
    }

#pragma warning disable IDE1006 // short JSON member names keep the stored rows small
    private sealed record ItemDto(string k, string p, bool n);
#pragma warning restore IDE1006
}
