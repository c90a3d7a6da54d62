namespace NeedToKnow.Storage.Migrations;

/// <summary>
/// The schema could not be brought to this binary's version: a migration script failed, the database was migrated
/// by a newer ntk, or migrations are pending while <see cref="StoreOptions.Migrate"/> is false.
/// </summary>
public sealed class StoreMigrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One lowercase line naming the script.</param>
    /// <param name="innerException">The database error, if any.</param>
    public StoreMigrationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
