using NeedToKnow.Core.Gate;
using NeedToKnow.Storage.Tests.Support;

namespace NeedToKnow.Storage.Tests.Contract;

/// <summary>The declaration store and app registry port, declared once per backend.</summary>
public abstract class DeclarationStoreContractTests : StoreTestBase
{
    private static readonly DateTimeOffset T0 = new(2026, 7, 1, 8, 0, 0, TimeSpan.Zero);

    internal static DeclarationVersion Version(string app, int v, params (string Key, string Purpose, bool Necessary)[] items) =>
        new(app, v, [.. items.Select(i => new DeclaredItem(i.Key, i.Purpose, i.Necessary))], "food-delivery", T0.AddDays(v).AddTicks(7), "{\"v\":" + v + "}");

    internal static AppRecord App(string app, int? live, AppStatus status = AppStatus.Live) =>
        new(app, status, live, new DeveloperInfo("Acme Coffee Ltd.", "enterprise", true), ["Location", "wx.getLocation"], []);

    [SkippableFact]
    public async Task A_version_reads_back_exactly_and_adding_it_again_is_a_no_op()
    {
        var v1 = Version("wxapp1", 1, ("Location", "to show stores near you", true), ("Album", "to pick a photo", false));
        await Store.Declarations.AddVersionAsync(v1);
        await Store.Declarations.AddVersionAsync(v1);
        var back = await Store.Declarations.GetVersionAsync("wxapp1", 1);
        Assert.NotNull(back);
        Assert.Equal(v1.Items, back.Items);
        Assert.Equal(v1.CreatedAt, back.CreatedAt);
        Assert.Equal("food-delivery", back.ServiceCategory);
        Assert.Equal("{\"v\":1}", back.Document);
        Assert.Null(await Store.Declarations.GetVersionAsync("wxapp1", 2));
    }

    [SkippableFact]
    public async Task A_version_is_immutable()
    {
        await Store.Declarations.AddVersionAsync(Version("wxapp1", 1, ("Location", "to show stores near you", true)));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await Store.Declarations.AddVersionAsync(Version("wxapp1", 1, ("Location", "to sell your location", true))));
        Assert.Equal("declaration version 1 of app `wxapp1` exists with different content", e.Message);
        Assert.Equal("to show stores near you", (await Store.Declarations.GetVersionAsync("wxapp1", 1))!.Items[0].Purpose);
    }

    [SkippableFact]
    public async Task Versions_list_oldest_first()
    {
        await Store.Declarations.AddVersionAsync(Version("wxapp1", 2, ("Album", "p", false)));
        await Store.Declarations.AddVersionAsync(Version("wxapp1", 1, ("Location", "p", true)));
        await Store.Declarations.AddVersionAsync(Version("wxapp2", 1, ("Location", "p", true)));
        Assert.Equal([1, 2], await Store.Declarations.GetVersionsAsync("wxapp1").Select(v => v.Version).ToListAsync());
    }

    [SkippableFact]
    public async Task Upserting_apps_bumps_revisions_and_load_live_follows_them()
    {
        await Store.Declarations.AddVersionAsync(Version("wxapp1", 1, ("Location", "p", true)));
        await Store.Declarations.AddVersionAsync(Version("wxapp1", 2, ("Location", "p", true), ("Album", "q", false)));
        var r1 = await Store.Declarations.UpsertAppAsync(App("wxapp1", 1));
        var r2 = await Store.Declarations.UpsertAppAsync(App("wxapp2", null, AppStatus.Offline));
        var r3 = await Store.Declarations.UpsertAppAsync(App("wxapp1", 2) with { BannedKeys = ["Clipboard"] });
        Assert.True(r1 < r2 && r2 < r3);

        var all = await Store.Declarations.LoadLiveAsync(0).ToListAsync();
        Assert.Equal(["wxapp2", "wxapp1"], all.Select(a => a.App.AppId));
        Assert.Null(all[0].Live);
        Assert.Equal(AppStatus.Offline, all[0].App.Status);
        Assert.Equal(2, all[1].Live!.Version);
        Assert.Equal(["Clipboard"], all[1].App.BannedKeys);
        Assert.Equal(r3, all[1].App.Revision);

        Assert.Equal(["wxapp1"], await Store.Declarations.LoadLiveAsync(r2).Select(a => a.App.AppId).ToListAsync());
        Assert.Empty(await Store.Declarations.LoadLiveAsync(r3).ToListAsync());

        var app = await Store.Declarations.GetAppAsync("wxapp1");
        Assert.NotNull(app);
        Assert.Equal(new DeveloperInfo("Acme Coffee Ltd.", "enterprise", true), app.Developer);
        Assert.Equal(["Location", "wx.getLocation"], app.Admissions);
        Assert.Equal(2, app.LiveVersion);
        Assert.Null(await Store.Declarations.GetAppAsync("wxnone"));
        Assert.Equal(3, await ScalarAsync<long>("SELECT COUNT(*) FROM app_revisions"));
    }

    [SkippableFact]
    public async Task An_app_cannot_point_to_a_missing_version()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () => await Store.Declarations.UpsertAppAsync(App("wxapp1", 7)));
        Assert.Equal("app `wxapp1` points to declaration version 7, which is not stored", e.Message);
        Assert.Null(await Store.Declarations.GetAppAsync("wxapp1"));
        Assert.Equal(0, await ScalarAsync<long>("SELECT COUNT(*) FROM app_revisions"));
    }
}

public sealed class SqliteDeclarationStoreContractTests : DeclarationStoreContractTests
{
    internal override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresDeclarationStoreContractTests : DeclarationStoreContractTests
{
    internal override StoreKind Kind => StoreKind.Postgres;
}
