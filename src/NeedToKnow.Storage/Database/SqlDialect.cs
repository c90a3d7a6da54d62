namespace NeedToKnow.Storage.Database;

/// <summary>The few SQL spellings that differ between SQLite and PostgreSQL; everything else is shared SQL.</summary>
internal sealed class SqlDialect
{
    private SqlDialect(StoreKind kind) => Kind = kind;

    public static SqlDialect Sqlite { get; } = new(StoreKind.Sqlite);

    public static SqlDialect Postgres { get; } = new(StoreKind.Postgres);

    public StoreKind Kind { get; }

    /// <summary>Name of the table DbUp journals applied migrations in.</summary>
    public static string JournalTable => "ntk_schema_versions";
}
