using NeedToKnow.Core.Storage;
using NeedToKnow.Storage.Tests.Contract;
using NeedToKnow.Storage.Tests.Support;
using Npgsql;

namespace NeedToKnow.Storage.Tests.Availability;

/// <summary>
/// The store goes away and comes back: every port surfaces <see cref="StoreUnavailableException"/> (the type the gate
/// turns into a fail-closed deny) and works again, without a restart, once the store is back. Declared per backend:
/// SQLite loses its database folder (moved away, as an unmounted volume would, and a file put in its place);
/// PostgreSQL loses its TCP connection
/// (a proxy in front of the server is cut, as a crash or partition would).
/// </summary>
public abstract partial class StoreUnavailableTests : IAsyncLifetime
{
    private TestStore? _database;

    internal abstract StoreKind Kind { get; }

    internal NeedToKnowStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = TestStore.Create(Kind);
        Store = await NeedToKnowStore.OpenAsync(await ConnectionAsync(_database), new StoreOptions { Timeout = TimeSpan.FromSeconds(1) });
    }

    public async Task DisposeAsync()
    {
        await Restore();
        await Store.DisposeAsync();
        await OnDisposeAsync();
        await _database!.DisposeAsync();
    }

    [SkippableFact]
    public async Task Every_port_throws_store_unavailable_then_recovers_by_itself()
    {
        await Store.Consents.AppendAsync(ConsentStoreContractTests.Grant("u1", "wxapp1", ConsentStoreContractTests.T0, "Location"));
        await Store.Declarations.AddVersionAsync(DeclarationStoreContractTests.Version("wxapp1", 1, ("Location", "p", true)));

        await Outage();
        var e = await Assert.ThrowsAsync<StoreUnavailableException>(async () =>
            await Store.Consents.AppendAsync(ConsentStoreContractTests.Grant("u1", "wxapp1", ConsentStoreContractTests.T0, "Album")));
        Assert.StartsWith("store unavailable: " + Store.Connection + ": ", e.Message);
        await Assert.ThrowsAsync<StoreUnavailableException>(async () => await Store.Consents.LoadStatesAsync().ToListAsync());
        await Assert.ThrowsAsync<StoreUnavailableException>(async () => await Store.Consents.GetLastSequenceAsync());
        await Assert.ThrowsAsync<StoreUnavailableException>(async () => await Store.Declarations.LoadLiveAsync(0).ToListAsync());
        await Assert.ThrowsAsync<StoreUnavailableException>(async () => await Store.GateRecords.WriteAsync([], [new(
            new(1), ConsentStoreContractTests.T0, "wxapp1", "u1", "wx.getLocation", "Location", Core.Gate.PromptKind.DeclarationConsent,
            Core.Gate.GateReason.PrivacyConsentMissing, Core.Gate.GateDetail.NotAsked, 1, null, false)]));

        await Restore();
        Assert.Equal(1, await Store.Consents.GetLastSequenceAsync());
        Assert.Equal(2, await Store.Consents.AppendAsync(ConsentStoreContractTests.Grant("u1", "wxapp1", ConsentStoreContractTests.T0, "Album")));
        Assert.Single(await Store.Consents.LoadStatesAsync().ToListAsync());
    }

    [SkippableFact]
    public async Task Opening_an_unreachable_store_throws_store_unavailable()
    {
        await Outage();
        await Assert.ThrowsAsync<StoreUnavailableException>(() => NeedToKnowStore.OpenAsync(Store.Connection, new StoreOptions { Timeout = TimeSpan.FromSeconds(1) }));
    }

    internal abstract Task<StoreConnection> ConnectionAsync(TestStore database);

    internal abstract Task Outage();

    internal abstract Task Restore();

    internal virtual Task OnDisposeAsync() => Task.CompletedTask;
}

public sealed class SqliteStoreUnavailableTests : StoreUnavailableTests
{
    private string _folder = "";

    internal override StoreKind Kind => StoreKind.Sqlite;

    internal override Task<StoreConnection> ConnectionAsync(TestStore database)
    {
        _folder = ((SqliteTestStore)database).Folder;
        return Task.FromResult(database.Connection);
    }

    internal override Task Outage()
    {
        // The folder is gone and a plain file sits at its path, so it cannot even be created again.
        Directory.Move(_folder, _folder + ".away");
        File.WriteAllText(_folder, "not a folder");
        return Task.CompletedTask;
    }

    internal override Task Restore()
    {
        if (Directory.Exists(_folder + ".away"))
        {
            File.Delete(_folder);
            Directory.Move(_folder + ".away", _folder);
        }

        return Task.CompletedTask;
    }
}

public sealed class PostgresStoreUnavailableTests : StoreUnavailableTests
{
    private TcpOutageProxy? _proxy;

    internal override StoreKind Kind => StoreKind.Postgres;

    internal override Task<StoreConnection> ConnectionAsync(TestStore database)
    {
        var b = new NpgsqlConnectionStringBuilder(database.Connection.Target);
        _proxy = new TcpOutageProxy(b.Host!, b.Port);
        b.Port = _proxy.Port;
        b.Timeout = 2;
        return Task.FromResult(StoreConnection.Parse(b.ConnectionString));
    }

    internal override Task Outage()
    {
        _proxy!.Cut();
        return Task.CompletedTask;
    }

    internal override Task Restore()
    {
        if (_proxy is not null)
        {
            _proxy.Cut();
            _proxy.Restore();
        }

        return Task.CompletedTask;
    }

    internal override async Task OnDisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
    }
}
