using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using NeedToKnow.Core.Consent;
using NeedToKnow.Storage.Database;

namespace NeedToKnow.Storage.Consent;

/// <summary>
/// The consent ledger on SQLite or PostgreSQL: <c>consent_events</c> (append-only) and the <c>consent_state</c>
/// projection, written in the same transaction, so the projection never disagrees with the events.
/// </summary>
/// <remarks>
/// A batch is one transaction: one fsync (SQLite) or one WAL flush (PostgreSQL) for all its events, which is the group
/// commit. Sequences come from the <c>ntk_counters</c> row, locked until commit, so sequences commit in order.
/// Idempotent by (user id, event id).
/// </remarks>
internal sealed class SqlConsentEventStore : IConsentEventStore
{
    private const int RowsPerStatement = 200;
    private const string EventColumns = "sequence, event_id, kind, user_id, app_id, time_ticks, declaration_version, items, scope, method";

    private readonly StoreDatabase _db;
    private readonly TimeProvider _time;

    public SqlConsentEventStore(StoreDatabase db, TimeProvider? time = null)
    {
        _db = db;
        _time = time ?? TimeProvider.System;
    }

    public async ValueTask<long> AppendAsync(ConsentEvent consentEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consentEvent);
        var result = await AppendBatchAsync([consentEvent], cancellationToken).ConfigureAwait(false);
        return result[0];
    }

    public async ValueTask<IReadOnlyList<long>> AppendBatchAsync(IReadOnlyList<ConsentEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return [];
        }

        for (var i = 0; i < events.Count; i++)
        {
            Validate(events[i]);
        }

        return await _db.WriteAsync((conn, tx, ct) => AppendInTransactionAsync(conn, tx, events, ct), cancellationToken).ConfigureAwait(false);
    }

    public IAsyncEnumerable<ConsentEvent> ReadAsync(string userId, string? appId, DateTimeOffset? asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var sql = new StringBuilder("SELECT ").Append(EventColumns).Append(" FROM consent_events WHERE user_id = @u");
        if (appId is not null)
        {
            sql.Append(" AND app_id = @a");
        }

        if (asOf is not null)
        {
            sql.Append(" AND time_ticks <= @t");
        }

        sql.Append(" ORDER BY sequence");
        return Sql.StreamAsync(_db, sql.ToString(), cmd =>
        {
            cmd.Add("@u", userId);
            if (appId is not null)
            {
                cmd.Add("@a", appId);
            }

            if (asOf is { } t)
            {
                cmd.Add("@t", Sql.ToTicks(t));
            }
        }, ReadEvent, cancellationToken);
    }

    public IAsyncEnumerable<ConsentEvent> ReadAfterAsync(long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        return Sql.StreamAsync(_db, "SELECT " + EventColumns + " FROM consent_events WHERE sequence > @s ORDER BY sequence LIMIT @n",
            cmd => cmd.Add("@s", afterSequence).Add("@n", maxCount), ReadEvent, cancellationToken);
    }

    public async ValueTask<long> GetLastSequenceAsync(CancellationToken cancellationToken = default) =>
        await _db.ReadAsync(async (conn, ct) =>
        {
            await using var cmd = Sql.Command(conn, null, "SELECT value FROM ntk_counters WHERE name = 'consent_sequence'");
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken).ConfigureAwait(false);

    public IAsyncEnumerable<ConsentState> LoadStatesAsync(CancellationToken cancellationToken = default) =>
        Sql.StreamAsync(_db, "SELECT user_id, app_id, last_sequence, keys, scopes FROM consent_state", null, ReadState, cancellationToken);

    private static void Validate(ConsentEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentException.ThrowIfNullOrEmpty(e.UserId);
        ArgumentException.ThrowIfNullOrEmpty(e.AppId);
        ArgumentNullException.ThrowIfNull(e.Items);
        if (!Enum.IsDefined(e.Kind))
        {
            throw new ArgumentException("unknown consent event kind `" + e.Kind + "`", nameof(e));
        }
    }

    private async Task<IReadOnlyList<long>> AppendInTransactionAsync(DbConnection conn, DbTransaction tx, IReadOnlyList<ConsentEvent> events, CancellationToken ct)
    {
        var result = new long[events.Count];

        // 1. Idempotency: events appended before keep their sequence (also within this batch).
        var existing = await ExistingAsync(conn, tx, events, ct).ConfigureAwait(false);
        var fresh = new List<int>(events.Count);
        var firstIndex = new Dictionary<(string, Guid), int>();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (existing.TryGetValue((e.UserId, e.EventId), out var seq))
            {
                result[i] = seq;
            }
            else if (firstIndex.TryGetValue((e.UserId, e.EventId), out var first))
            {
                result[i] = -1 - first; // resolved below
            }
            else
            {
                firstIndex[(e.UserId, e.EventId)] = i;
                fresh.Add(i);
            }
        }

        if (fresh.Count > 0)
        {
            // 2. A block of sequences; the counter row stays locked until commit.
            var last = await Sql.BumpCounterAsync(conn, tx, "consent_sequence", fresh.Count, ct).ConfigureAwait(false);
            var next = last - fresh.Count + 1;
            var stamped = new List<ConsentEvent>(fresh.Count);
            foreach (var i in fresh)
            {
                result[i] = next;
                stamped.Add(events[i] with { Sequence = next++ });
            }

            // 3. Project first (it validates the events: a bad one throws and nothing is written), then insert.
            var states = await FoldAsync(conn, tx, stamped, ct).ConfigureAwait(false);
            await InsertEventsAsync(conn, tx, stamped, ct).ConfigureAwait(false);
            await UpsertStatesAsync(conn, tx, states, ct).ConfigureAwait(false);
        }

        for (var i = 0; i < result.Length; i++)
        {
            if (result[i] < 0)
            {
                result[i] = result[-1 - (int)result[i]];
            }
        }

        return result;
    }

    private static async Task<Dictionary<(string, Guid), long>> ExistingAsync(DbConnection conn, DbTransaction tx, IReadOnlyList<ConsentEvent> events, CancellationToken ct)
    {
        var found = new Dictionary<(string, Guid), long>();
        for (var start = 0; start < events.Count; start += RowsPerStatement)
        {
            var n = Math.Min(RowsPerStatement, events.Count - start);
            await using var cmd = Sql.Command(conn, tx, "SELECT user_id, event_id, sequence FROM consent_events WHERE (user_id, event_id) IN (VALUES " + Sql.Values(n, 2) + ")");
            for (var r = 0; r < n; r++)
            {
                cmd.Add(Sql.Param(r, 0), events[start + r].UserId).Add(Sql.Param(r, 1), events[start + r].EventId.ToString("D"));
            }

            await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                found[(reader.GetString(0), Guid.Parse(reader.GetString(1)))] = reader.Long(2);
            }
        }

        return found;
    }

    private async Task InsertEventsAsync(DbConnection conn, DbTransaction tx, List<ConsentEvent> events, CancellationToken ct)
    {
        var recorded = Sql.ToTicks(_time.GetUtcNow());
        for (var start = 0; start < events.Count; start += RowsPerStatement)
        {
            var n = Math.Min(RowsPerStatement, events.Count - start);
            await using var cmd = Sql.Command(conn, tx, "INSERT INTO consent_events (" + EventColumns + ", recorded_ticks) VALUES " + Sql.Values(n, 11));
            for (var r = 0; r < n; r++)
            {
                var e = events[start + r];
                cmd.Add(Sql.Param(r, 0), e.Sequence)
                    .Add(Sql.Param(r, 1), e.EventId.ToString("D"))
                    .Add(Sql.Param(r, 2), (int)e.Kind)
                    .Add(Sql.Param(r, 3), e.UserId)
                    .Add(Sql.Param(r, 4), e.AppId)
                    .Add(Sql.Param(r, 5), Sql.ToTicks(e.Time))
                    .Add(Sql.Param(r, 6), e.DeclarationVersion)
                    .Add(Sql.Param(r, 7), ConsentJson.Items(e.Items))
                    .Add(Sql.Param(r, 8), e.Scope)
                    .Add(Sql.Param(r, 9), (int)e.Method)
                    .Add(Sql.Param(r, 10), recorded);
            }

            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private static async Task<List<ConsentState>> FoldAsync(DbConnection conn, DbTransaction tx, List<ConsentEvent> events, CancellationToken ct)
    {
        var pairs = new List<(string User, string App)>();
        var states = new Dictionary<(string, string), ConsentState>();
        foreach (var e in events)
        {
            if (!states.ContainsKey((e.UserId, e.AppId)))
            {
                states[(e.UserId, e.AppId)] = ConsentState.Empty(e.UserId, e.AppId);
                pairs.Add((e.UserId, e.AppId));
            }
        }

        for (var start = 0; start < pairs.Count; start += RowsPerStatement)
        {
            var n = Math.Min(RowsPerStatement, pairs.Count - start);
            await using var cmd = Sql.Command(conn, tx, "SELECT user_id, app_id, last_sequence, keys, scopes FROM consent_state WHERE (user_id, app_id) IN (VALUES " + Sql.Values(n, 2) + ")");
            for (var r = 0; r < n; r++)
            {
                cmd.Add(Sql.Param(r, 0), pairs[start + r].User).Add(Sql.Param(r, 1), pairs[start + r].App);
            }

            await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var s = ReadState(reader);
                states[(s.UserId, s.AppId)] = s;
            }
        }

        foreach (var e in events)
        {
            var key = (e.UserId, e.AppId);
            states[key] = ConsentProjection.Apply(states[key], e);
        }

        var list = new List<ConsentState>(pairs.Count);
        foreach (var p in pairs)
        {
            list.Add(states[p]);
        }

        return list;
    }

    private static async Task UpsertStatesAsync(DbConnection conn, DbTransaction tx, List<ConsentState> states, CancellationToken ct)
    {
        for (var start = 0; start < states.Count; start += RowsPerStatement)
        {
            var n = Math.Min(RowsPerStatement, states.Count - start);
            await using var cmd = Sql.Command(conn, tx, "INSERT INTO consent_state (user_id, app_id, last_sequence, keys, scopes) VALUES " + Sql.Values(n, 5)
                + " ON CONFLICT (user_id, app_id) DO UPDATE SET last_sequence = excluded.last_sequence, keys = excluded.keys, scopes = excluded.scopes");
            for (var r = 0; r < n; r++)
            {
                var s = states[start + r];
                cmd.Add(Sql.Param(r, 0), s.UserId)
                    .Add(Sql.Param(r, 1), s.AppId)
                    .Add(Sql.Param(r, 2), s.LastSequence)
                    .Add(Sql.Param(r, 3), ConsentJson.Keys(s.Keys))
                    .Add(Sql.Param(r, 4), ConsentJson.Scopes(s.Scopes));
            }

            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private static ConsentEvent ReadEvent(DbDataReader r) => new(
        EventId: Guid.Parse(r.GetString(1)),
        Kind: (ConsentEventKind)r.Int(2),
        UserId: r.GetString(3),
        AppId: r.GetString(4),
        Time: Sql.FromTicks(r.Long(5)),
        DeclarationVersion: r.Int(6),
        Items: ConsentJson.ParseItems(r.GetString(7)),
        Scope: r.NullableString(8),
        Method: (ConsentMethod)r.Int(9),
        Sequence: r.Long(0));

    private static ConsentState ReadState(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), ConsentJson.ParseKeys(r.GetString(3)), ConsentJson.ParseScopes(r.GetString(4)), r.Long(2));
}
