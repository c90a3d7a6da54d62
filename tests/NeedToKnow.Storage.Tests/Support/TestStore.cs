using Npgsql;

namespace NeedToKnow.Storage.Tests.Support;

/// <summary>
/// A fresh, empty database for one test: a SQLite file in a temp folder, or a new PostgreSQL database on the test
/// cluster. Disposing deletes it. Other test projects that store things (the audit log) use it too.
/// </summary>
internal abstract class TestStore : IAsyncDisposable
{
    public abstract StoreKind Kind { get; }

    /// <summary>Where the fresh database is.</summary>
    public abstract StoreConnection Connection { get; }

    public static TestStore Create(StoreKind kind) => kind == StoreKind.Sqlite ? new SqliteTestStore() : PostgresTestStore.Create();

    /// <summary>Opens the store over the fresh database (migrated).</summary>
    public Task<NeedToKnowStore> OpenAsync(StoreOptions? options = null) => NeedToKnowStore.OpenAsync(Connection, options);

    public abstract ValueTask DisposeAsync();
}

/// <summary>A SQLite file in its own temp folder.</summary>
internal sealed class SqliteTestStore : TestStore
{
    public SqliteTestStore()
    {
        Folder = Path.Combine(Path.GetTempPath(), "ntk-test-" + Guid.NewGuid().ToString("n")[..12]);
        Directory.CreateDirectory(Folder);
        Connection = StoreConnection.Sqlite(Path.Combine(Folder, "ntk.db"));
    }

    public string Folder { get; }

    public override StoreKind Kind => StoreKind.Sqlite;

    public override StoreConnection Connection { get; }

    public override ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold the file for a moment; the temp folder is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A new database <c>ntk_t_...</c> on the cluster of NTK_TEST_POSTGRES, dropped on dispose.</summary>
internal sealed class PostgresTestStore : TestStore
{
    private readonly string _admin;

    private PostgresTestStore(string admin, string name)
    {
        _admin = admin;
        Name = name;
        var b = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        Connection = StoreConnection.Parse(b.ConnectionString);
    }

    public string Name { get; }

    public override StoreKind Kind => StoreKind.Postgres;

    public override StoreConnection Connection { get; }

    public static PostgresTestStore Create()
    {
        var admin = TestEnvironment.RequirePostgres();
        var name = "ntk_t_" + Guid.NewGuid().ToString("n")[..16];
        using var conn = new NpgsqlConnection(admin);
        conn.Open();
        using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
        cmd.ExecuteNonQuery();
        return new PostgresTestStore(admin, name);
    }

    public override async ValueTask DisposeAsync()
    {
        await using var conn = new NpgsqlConnection(_admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
