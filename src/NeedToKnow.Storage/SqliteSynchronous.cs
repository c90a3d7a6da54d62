namespace NeedToKnow.Storage;

/// <summary>
/// SQLite durability level of commits in WAL mode (https://www.sqlite.org/pragma.html#pragma_synchronous).
/// </summary>
public enum SqliteSynchronous
{
    /// <summary><c>synchronous=FULL</c>: the WAL is fsynced at every commit; survives power loss.</summary>
    Full,

    /// <summary><c>synchronous=NORMAL</c>: survives a killed process, not a power loss or an OS crash.</summary>
    Normal,
}
