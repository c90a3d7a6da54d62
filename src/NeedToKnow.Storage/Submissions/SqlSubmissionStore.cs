using System.Text.Json;
using NeedToKnow.Core.Submissions;
using NeedToKnow.Storage.Database;

namespace NeedToKnow.Storage.Submissions;

#pragma warning disable NTK9001 // implements Core's experimental ports

/// <summary>Submissions (the review queue and the operator's verdicts) and app ownership, in table <c>submissions</c> and <c>app_owners</c>.</summary>
internal sealed class SqlSubmissionStore(StoreDatabase db) : ISubmissionStore, IAppOwnerStore
{
    private const string Columns = "app_id, version, submitted_ticks, status, findings, detected_keys, package_files, package_bytes, decided_ticks, reason";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask AddAsync(Submission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        await db.WriteAsync(async (conn, tx, ct) =>
        {
            await using (var find = Sql.Command(conn, tx, "SELECT 1 FROM submissions WHERE app_id = @a AND version = @v").Add("@a", submission.AppId).Add("@v", submission.Version))
            {
                if (await find.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null)
                {
                    throw new InvalidOperationException("submission `" + submission.AppId + "` version " + submission.Version + " exists");
                }
            }

            await using var insert = Sql.Command(conn, tx, "INSERT INTO submissions (" + Columns + ") VALUES (@a, @v, @t, @s, @f, @k, @pf, @pb, @dt, @r)")
                .Add("@a", submission.AppId).Add("@v", submission.Version).Add("@t", Sql.ToTicks(submission.SubmittedAt)).Add("@s", (int)submission.Status)
                .Add("@f", JsonSerializer.Serialize(submission.Findings, Json)).Add("@k", JsonSerializer.Serialize(submission.DetectedKeys, Json))
                .Add("@pf", submission.PackageFiles).Add("@pb", submission.PackageBytes)
                .Add("@dt", submission.DecidedAt is { } d ? Sql.ToTicks(d) : null).Add("@r", submission.Reason);
            return await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<Submission?> DecideAsync(string appId, int version, SubmissionStatus status, string? reason, DateTimeOffset decidedAt, CancellationToken cancellationToken = default)
    {
        var changed = await db.WriteAsync(async (conn, tx, ct) =>
        {
            await using var update = Sql.Command(conn, tx, "UPDATE submissions SET status = @s, reason = @r, decided_ticks = @t WHERE app_id = @a AND version = @v AND status = @pending")
                .Add("@s", (int)status).Add("@r", reason).Add("@t", Sql.ToTicks(decidedAt)).Add("@a", appId).Add("@v", version).Add("@pending", (int)SubmissionStatus.Pending);
            return await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return changed == 0 ? null : await GetAsync(appId, version, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<Submission?> GetAsync(string appId, int version, CancellationToken cancellationToken = default)
    {
        await foreach (var s in Sql.StreamAsync(db, "SELECT " + Columns + " FROM submissions WHERE app_id = @a AND version = @v", c => c.Add("@a", appId).Add("@v", version), Read, cancellationToken).ConfigureAwait(false))
        {
            return s;
        }

        return null;
    }

    public async ValueTask<IReadOnlyList<Submission>> ListAsync(string? appId, SubmissionStatus? status, CancellationToken cancellationToken = default)
    {
        var sql = "SELECT " + Columns + " FROM submissions WHERE (@a IS NULL OR app_id = @a) AND (@s IS NULL OR status = @s) ORDER BY submitted_ticks, app_id, version";
        var list = new List<Submission>();
        await foreach (var s in Sql.StreamAsync(db, sql, c => c.Add("@a", appId).Add("@s", status is { } st ? (int)st : null), Read, cancellationToken).ConfigureAwait(false))
        {
            list.Add(s);
        }

        return list;
    }

    public async ValueTask<bool> SetOwnerAsync(string appId, string developerId, CancellationToken cancellationToken = default)
    {
        return await db.WriteAsync(async (conn, tx, ct) =>
        {
            await using (var find = Sql.Command(conn, tx, "SELECT developer_id FROM app_owners WHERE app_id = @a").Add("@a", appId))
            {
                if (await find.ExecuteScalarAsync(ct).ConfigureAwait(false) is string owner)
                {
                    return owner == developerId;
                }
            }

            await using var insert = Sql.Command(conn, tx, "INSERT INTO app_owners (app_id, developer_id) VALUES (@a, @d)").Add("@a", appId).Add("@d", developerId);
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<string?> GetOwnerAsync(string appId, CancellationToken cancellationToken = default)
    {
        await foreach (var owner in Sql.StreamAsync(db, "SELECT developer_id FROM app_owners WHERE app_id = @a", c => c.Add("@a", appId), r => r.GetString(0), cancellationToken).ConfigureAwait(false))
        {
            return owner;
        }

        return null;
    }

    public async ValueTask<IReadOnlyList<(string AppId, string DeveloperId)>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<(string, string)>();
        await foreach (var pair in Sql.StreamAsync(db, "SELECT app_id, developer_id FROM app_owners ORDER BY app_id", null, r => (r.GetString(0), r.GetString(1)), cancellationToken).ConfigureAwait(false))
        {
            list.Add(pair);
        }

        return list;
    }

    private static Submission Read(System.Data.Common.DbDataReader r) => new(
        r.GetString(0),
        r.Int(1),
        Sql.FromTicks(r.Long(2)),
        (SubmissionStatus)r.Int(3),
        JsonSerializer.Deserialize<SubmissionFinding[]>(r.GetString(4), Json) ?? [],
        JsonSerializer.Deserialize<string[]>(r.GetString(5), Json) ?? [],
        r.Int(6),
        r.Long(7),
        r.IsDBNull(8) ? null : Sql.FromTicks(r.Long(8)),
        r.NullableString(9));
}
