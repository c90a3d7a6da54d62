using System.Data.Common;

namespace NeedToKnow.Storage.Tests.Support;

/// <summary>
/// Base of the storage contract suites: each abstract suite is declared once per backend (a <c>Sqlite</c> and a
/// <c>Postgres</c> subclass), so both backends run the same tests and report the same counts (STYLE.md H22).
/// Each test gets a fresh, migrated database.
/// </summary>
public abstract class StoreTestBase : IAsyncLifetime
{
    private TestStore? _database;
    private NeedToKnowStore? _store;

    internal abstract StoreKind Kind { get; }

    internal TestStore Database => _database ?? throw new InvalidOperationException("not initialized");

    internal NeedToKnowStore Store => _store ?? throw new InvalidOperationException("not initialized");

    /// <summary>Options the store of each test opens with.</summary>
    internal virtual StoreOptions Options => new() { Timeout = TimeSpan.FromSeconds(2) };

    public async Task InitializeAsync()
    {
        _database = TestStore.Create(Kind);
        _store = await _database.OpenAsync(Options);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>Reopens the store (a restart of the process, as far as the store can tell).</summary>
    internal async Task ReopenAsync(StoreOptions? options = null)
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        _store = await Database.OpenAsync(options ?? Options);
    }

    /// <summary>Runs one scalar SQL query on the store (for checks the ports do not expose).</summary>
    internal async Task<T> ScalarAsync<T>(string sql)
    {
        return await Store.Database.ReadAsync(async (conn, ct) =>
        {
            await using DbCommand cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            var value = await cmd.ExecuteScalarAsync(ct);
            return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
        }, CancellationToken.None);
    }
}
