using NeedToKnow.Core.Gate;
using NeedToKnow.Storage.Tests.Support;

namespace NeedToKnow.Storage.Tests.Contract;

/// <summary>The interception and prompt record ports, declared once per backend.</summary>
public abstract class GateRecordContractTests : StoreTestBase
{
    private static readonly DateTimeOffset T0 = new(2026, 7, 1, 8, 0, 0, TimeSpan.Zero);

    private static InterceptionRecord Interception(long id, int second, string? key = "Location") => new(
        new DecisionId(id), T0.AddSeconds(second).AddTicks(3), "wxapp1", "u1", "wx.getLocation", key, GateReason.NotDeclared,
        GateCheck.Declaration, GateDetail.KeyNotDeclared, 2, key is null ? "boom" : null);

    private static PromptRecord Prompt(long id, int second) => new(
        new DecisionId(id), T0.AddSeconds(second), "wxapp1", "u1", "wx.getLocation", "Location", PromptKind.ScopeAuthorization,
        GateReason.ScopeDenied, GateDetail.ScopeNotAsked, 2, "scope.userLocation", true);

    [SkippableFact]
    public async Task Records_read_back_exactly_in_time_order_within_a_half_open_range()
    {
        await Store.GateRecords.WriteAsync([Interception(3, 10), Interception(1, 5), Interception(2, 20, key: null)], [Prompt(9, 7)]);
        var all = await Store.GateRecordReader.ReadInterceptionsAsync(T0, T0.AddMinutes(1)).ToListAsync();
        Assert.Equal([1L, 3L, 2L], all.Select(r => r.DecisionId.Value));
        Assert.Equal(Interception(2, 20, key: null), all[2]);
        Assert.Equal(Interception(1, 5), all[0]);

        var window = await Store.GateRecordReader.ReadInterceptionsAsync(T0.AddSeconds(5).AddTicks(3), T0.AddSeconds(20).AddTicks(3)).ToListAsync();
        Assert.Equal([1L, 3L], window.Select(r => r.DecisionId.Value));

        var prompts = await Store.GateRecordReader.ReadPromptsAsync(T0, T0.AddMinutes(1)).ToListAsync();
        Assert.Equal([Prompt(9, 7)], prompts);
    }

    [SkippableFact]
    public async Task A_retried_batch_stores_each_record_once()
    {
        IReadOnlyList<InterceptionRecord> batch = [Interception(1, 1), Interception(2, 2)];
        await Store.GateRecords.WriteAsync(batch, [Prompt(5, 1)]);
        await Store.GateRecords.WriteAsync(batch, [Prompt(5, 1)]);
        Assert.Equal(2, await Store.GateRecordReader.ReadInterceptionsAsync(T0, T0.AddHours(1)).CountAsync());
        Assert.Equal(1, await Store.GateRecordReader.ReadPromptsAsync(T0, T0.AddHours(1)).CountAsync());
    }

    [SkippableFact]
    public async Task A_large_batch_is_stored_whole()
    {
        var many = Enumerable.Range(1, 1000).Select(i => Interception(i, i % 60)).ToList();
        await Store.GateRecords.WriteAsync(many, []);
        Assert.Equal(1000, await ScalarAsync<long>("SELECT COUNT(*) FROM interceptions"));
    }
}

public sealed class SqliteGateRecordContractTests : GateRecordContractTests
{
    internal override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresGateRecordContractTests : GateRecordContractTests
{
    internal override StoreKind Kind => StoreKind.Postgres;
}
