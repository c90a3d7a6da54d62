namespace NeedToKnow.Storage;

/// <summary>Tuning for a store; the defaults are the durable, production settings.</summary>
public sealed class StoreOptions
{
    /// <summary>
    /// SQLite <c>PRAGMA synchronous</c> for the writer connection. <see cref="SqliteSynchronous.Full"/> (default)
    /// fsyncs the WAL at every commit, so an acknowledged write survives a process kill, an OS crash and a power
    /// loss. <see cref="SqliteSynchronous.Normal"/> survives a process kill (<c>kill -9</c>) but may lose the last
    /// commits on an OS crash or power loss (https://www.sqlite.org/pragma.html#pragma_synchronous, WAL mode).
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>
    /// How long a command waits for a lock or a connection before the store counts as unavailable. Default 5 s.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Run pending migrations when the store opens (default true). When false, opening fails if any are pending.</summary>
    public bool Migrate { get; init; } = true;

    /// <summary>The defaults.</summary>
    public static StoreOptions Default { get; } = new();
}
