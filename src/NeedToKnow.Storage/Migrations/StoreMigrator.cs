using System.Reflection;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using NeedToKnow.Storage.Database;

namespace NeedToKnow.Storage.Migrations;

/// <summary>
/// Versioned schema migrations through DbUp (https://dbup.readthedocs.io): plain SQL scripts embedded in this
/// assembly, one folder per backend (<c>Migrations/Sqlite/NNNN_name.sql</c>, <c>Migrations/Postgres/NNNN_name.sql</c>),
/// applied in name order, each in its own transaction, and journaled in the table <c>ntk_schema_versions</c>.
/// </summary>
/// <remarks>
/// Number ranges, so parallel work never collides: 0001-0099 consent, declarations and gate records; 0100-0199 audit
/// log; 0200-0299 server (API keys, sessions). A script, once on main, is never edited: add a new one. The database
/// refuses to open with a binary older than its schema (a journaled script this binary does not know).
/// </remarks>
internal static class StoreMigrator
{
    /// <summary>The migration scripts of one backend, in the order they apply; the name is the file name.</summary>
    public static IReadOnlyList<SqlScript> Scripts(StoreKind kind)
    {
        var folder = "Migrations/" + (kind == StoreKind.Sqlite ? "Sqlite" : "Postgres") + "/";
        var asm = typeof(StoreMigrator).Assembly;
        var list = new List<SqlScript>();
        foreach (var name in asm.GetManifestResourceNames())
        {
            if (!name.StartsWith(folder, StringComparison.Ordinal) || !name.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = asm.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            list.Add(new SqlScript(name[folder.Length..], reader.ReadToEnd()));
        }

        list.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return list;
    }

    /// <summary>Applies the pending scripts (or, when <paramref name="apply"/> is false, fails if any are pending).</summary>
    /// <exception cref="StoreMigrationException">A script failed, the schema is newer than this binary, or scripts are pending and <paramref name="apply"/> is false.</exception>
    public static void Migrate(StoreDatabase db, string connectionString, bool apply)
    {
        var scripts = Scripts(db.Kind);
        var engine = Builder(db.Kind, connectionString)
            .WithScripts(scripts)
            .WithTransactionPerScript()
            .WithVariablesDisabled()
            .LogToNowhere()
            .Build();

        var executed = engine.GetExecutedScripts();
        var known = new HashSet<string>(scripts.Select(s => s.Name), StringComparer.Ordinal);
        var unknown = executed.Where(n => !known.Contains(n)).OrderBy(n => n, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new StoreMigrationException(
                $"database schema is newer than this ntk: migration `{unknown[^1]}` is not known to it: upgrade ntk or use a backup made by this version");
        }

        var pending = engine.GetScriptsToExecute();
        if (pending.Count == 0)
        {
            return;
        }

        if (!apply)
        {
            throw new StoreMigrationException($"its schema is older than this ntk or not a NeedToKnow store's ({pending.Count} migration(s) pending, first `{pending[0].Name}`): `ntk serve --db` on it upgrades a NeedToKnow store");
        }

        var result = engine.PerformUpgrade();
        if (!result.Successful)
        {
            var name = result.ErrorScript?.Name ?? "?";
            throw new StoreMigrationException($"migration `{name}` failed: {ErrorText.FirstLine(result.Error?.Message)}", result.Error);
        }
    }

    private static UpgradeEngineBuilder Builder(StoreKind kind, string connectionString) => kind == StoreKind.Sqlite
        ? DeployChanges.To.SqliteDatabase(connectionString).JournalToSqliteTable(SqlDialect.JournalTable)
        : DeployChanges.To.PostgresqlDatabase(connectionString).JournalToPostgresqlTable("public", SqlDialect.JournalTable);

    /// <summary>The assembly holding the scripts (this one).</summary>
    internal static Assembly ScriptAssembly => typeof(StoreMigrator).Assembly;
}
