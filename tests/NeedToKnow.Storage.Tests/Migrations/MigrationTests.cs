using NeedToKnow.Storage.Migrations;
using NeedToKnow.Storage.Tests.Support;

namespace NeedToKnow.Storage.Tests.Migrations;

/// <summary>Migrations, declared once per backend.</summary>
public abstract class MigrationTests : StoreTestBase
{
    [SkippableFact]
    public async Task Open_applies_every_script_once_and_journals_it()
    {
        var scripts = StoreMigrator.Scripts(Kind);
        Assert.Contains(scripts, s => s.Name == "0001_gate.sql");
        var journaled = await ScalarAsync<long>("SELECT COUNT(*) FROM ntk_schema_versions");
        Assert.Equal(scripts.Count, journaled);

        await ReopenAsync();
        Assert.Equal(scripts.Count, await ScalarAsync<long>("SELECT COUNT(*) FROM ntk_schema_versions"));
    }

    [SkippableFact]
    public async Task Scripts_are_numbered_and_in_order()
    {
        var names = StoreMigrator.Scripts(Kind).Select(s => s.Name).ToList();
        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.Matches(@"^\d{4}_[a-z0-9_]+\.sql$", n));
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(names.Count, names.Select(n => n[..4]).Distinct().Count());
    }

    [SkippableFact]
    public async Task Both_backends_have_the_same_script_names()
    {
        var mine = StoreMigrator.Scripts(Kind).Select(s => s.Name);
        var other = StoreMigrator.Scripts(Kind == StoreKind.Sqlite ? StoreKind.Postgres : StoreKind.Sqlite).Select(s => s.Name);
        Assert.Equal(other, mine);
        await Task.CompletedTask;
    }

    [SkippableFact]
    public async Task A_schema_newer_than_the_binary_is_refused()
    {
        var insert = Kind == StoreKind.Sqlite
            ? "INSERT INTO ntk_schema_versions (ScriptName, Applied) VALUES ('9999_from_the_future.sql', '2030-01-01')"
            : "INSERT INTO ntk_schema_versions (scriptname, applied) VALUES ('9999_from_the_future.sql', now())";
        await Store.Database.WriteAsync(async (conn, tx, ct) =>
        {
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = insert;
            return await cmd.ExecuteNonQueryAsync(ct);
        }, CancellationToken.None);
        await Store.DisposeAsync();

        var e = await Assert.ThrowsAsync<StoreMigrationException>(() => Database.OpenAsync(Options));
        Assert.Equal(
            "database schema is newer than this ntk: migration `9999_from_the_future.sql` is not known to it: upgrade ntk or use a backup made by this version",
            e.Message);
    }

    [SkippableFact]
    public async Task Pending_scripts_without_migrate_are_refused()
    {
        await using var fresh = TestStore.Create(Kind);
        var e = await Assert.ThrowsAsync<StoreMigrationException>(() => fresh.OpenAsync(new StoreOptions { Migrate = false }));
        Assert.StartsWith("its schema is older than this ntk or not a NeedToKnow store's (", e.Message);
        Assert.Contains("first `0001_gate.sql`", e.Message);
    }
}

public sealed class SqliteMigrationTests : MigrationTests
{
    internal override StoreKind Kind => StoreKind.Sqlite;

    [Fact]
    public async Task Sqlite_file_is_in_wal_mode()
    {
        Assert.Equal("wal", await ScalarAsync<string>("PRAGMA journal_mode"));
        Assert.True(File.Exists(Database.Connection.Target));
    }
}

public sealed class PostgresMigrationTests : MigrationTests
{
    internal override StoreKind Kind => StoreKind.Postgres;

    [SkippableFact]
    public async Task Postgres_sessions_commit_synchronously()
    {
        Assert.Equal("on", await ScalarAsync<string>("SHOW synchronous_commit"));
    }
}
