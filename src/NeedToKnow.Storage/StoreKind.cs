namespace NeedToKnow.Storage;

/// <summary>Which database engine a <see cref="StoreConnection"/> points at.</summary>
public enum StoreKind
{
    /// <summary>An embedded SQLite database file (WAL mode); the default, no set-up needed.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (or a Citus cluster's coordinator): the scale-out store.</summary>
    Postgres,
}
