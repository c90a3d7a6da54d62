using System.Data.Common;
using NeedToKnow.Core.Gate;
using NeedToKnow.Storage.Database;

namespace NeedToKnow.Storage.GateRecords;

/// <summary>
/// Interception and prompt records (append-only tables <c>interceptions</c> and <c>prompts</c>), where the audit log
/// and the statistics read them. A batch is one transaction; a record already stored (same app and decision id, e.g.
/// a retried batch) is skipped, so retries never duplicate.
/// </summary>
internal sealed class SqlGateRecordStore : IGateRecordSink, IGateRecordReader
{
    private const int RowsPerStatement = 200;
    private const string InterceptionColumns = "app_id, decision_id, time_ticks, user_id, target, privacy_key, reason, decided_by, detail, declaration_version, error";
    private const string PromptColumns = "app_id, decision_id, time_ticks, user_id, target, privacy_key, kind, reason, detail, declaration_version, scope, separate_consent";

    private readonly StoreDatabase _db;

    public SqlGateRecordStore(StoreDatabase db) => _db = db;

    public async ValueTask WriteAsync(IReadOnlyList<InterceptionRecord> interceptions, IReadOnlyList<PromptRecord> prompts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interceptions);
        ArgumentNullException.ThrowIfNull(prompts);
        if (interceptions.Count == 0 && prompts.Count == 0)
        {
            return;
        }

        await _db.WriteAsync(async (conn, tx, ct) =>
        {
            await InsertAsync(conn, tx, "interceptions", InterceptionColumns, 11, interceptions, BindInterception, ct).ConfigureAwait(false);
            await InsertAsync(conn, tx, "prompts", PromptColumns, 12, prompts, BindPrompt, ct).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    public IAsyncEnumerable<InterceptionRecord> ReadInterceptionsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        Sql.StreamAsync(_db, "SELECT " + InterceptionColumns + " FROM interceptions WHERE time_ticks >= @f AND time_ticks < @t ORDER BY time_ticks, decision_id",
            cmd => cmd.Add("@f", Sql.ToTicks(from)).Add("@t", Sql.ToTicks(to)), ReadInterception, cancellationToken);

    public IAsyncEnumerable<PromptRecord> ReadPromptsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        Sql.StreamAsync(_db, "SELECT " + PromptColumns + " FROM prompts WHERE time_ticks >= @f AND time_ticks < @t ORDER BY time_ticks, decision_id",
            cmd => cmd.Add("@f", Sql.ToTicks(from)).Add("@t", Sql.ToTicks(to)), ReadPrompt, cancellationToken);

    /// <summary>
    /// Inserts rows <see cref="RowsPerStatement"/> at a time into an append-only record table keyed by
    /// (app_id, decision_id); a row already there is skipped.
    /// </summary>
    private static async Task InsertAsync<T>(DbConnection conn, DbTransaction tx, string table, string columns, int columnCount, IReadOnlyList<T> rows,
        Action<DbCommand, int, T> bind, CancellationToken ct)
    {
        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            var n = Math.Min(RowsPerStatement, rows.Count - start);
            await using var cmd = Sql.Command(conn, tx, "INSERT INTO " + table + " (" + columns + ") VALUES " + Sql.Values(n, columnCount)
                + " ON CONFLICT (app_id, decision_id) DO NOTHING");
            for (var r = 0; r < n; r++)
            {
                bind(cmd, r, rows[start + r]);
            }

            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private static void BindInterception(DbCommand cmd, int r, InterceptionRecord x) =>
        cmd.Add(Sql.Param(r, 0), x.AppId).Add(Sql.Param(r, 1), x.DecisionId.Value).Add(Sql.Param(r, 2), Sql.ToTicks(x.Time))
            .Add(Sql.Param(r, 3), x.UserId).Add(Sql.Param(r, 4), x.Target).Add(Sql.Param(r, 5), x.Key)
            .Add(Sql.Param(r, 6), (int)x.Reason).Add(Sql.Param(r, 7), (int)x.DecidedBy).Add(Sql.Param(r, 8), (int)x.Detail)
            .Add(Sql.Param(r, 9), x.DeclarationVersion).Add(Sql.Param(r, 10), x.Error);

    private static void BindPrompt(DbCommand cmd, int r, PromptRecord p) =>
        cmd.Add(Sql.Param(r, 0), p.AppId).Add(Sql.Param(r, 1), p.DecisionId.Value).Add(Sql.Param(r, 2), Sql.ToTicks(p.Time))
            .Add(Sql.Param(r, 3), p.UserId).Add(Sql.Param(r, 4), p.Target).Add(Sql.Param(r, 5), p.Key)
            .Add(Sql.Param(r, 6), (int)p.Kind).Add(Sql.Param(r, 7), (int)p.Reason).Add(Sql.Param(r, 8), (int)p.Detail)
            .Add(Sql.Param(r, 9), p.DeclarationVersion).Add(Sql.Param(r, 10), p.Scope).Add(Sql.Param(r, 11), p.SeparateConsent ? 1 : 0);

    private static InterceptionRecord ReadInterception(DbDataReader r) => new(
        DecisionId: new DecisionId(r.Long(1)),
        Time: Sql.FromTicks(r.Long(2)),
        AppId: r.GetString(0),
        UserId: r.GetString(3),
        Target: r.GetString(4),
        Key: r.NullableString(5),
        Reason: (GateReason)r.Int(6),
        DecidedBy: (GateCheck)r.Int(7),
        Detail: (GateDetail)r.Int(8),
        DeclarationVersion: r.Int(9),
        Error: r.NullableString(10));

    private static PromptRecord ReadPrompt(DbDataReader r) => new(
        DecisionId: new DecisionId(r.Long(1)),
        Time: Sql.FromTicks(r.Long(2)),
        AppId: r.GetString(0),
        UserId: r.GetString(3),
        Target: r.GetString(4),
        Key: r.GetString(5),
        Kind: (PromptKind)r.Int(6),
        Reason: (GateReason)r.Int(7),
        Detail: (GateDetail)r.Int(8),
        DeclarationVersion: r.Int(9),
        Scope: r.NullableString(10),
        SeparateConsent: r.Int(11) != 0);
}
