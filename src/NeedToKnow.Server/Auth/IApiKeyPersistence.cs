namespace NeedToKnow.Server.Auth;

/// <summary>Where hashed API keys survive restarts.</summary>
public interface IApiKeyPersistence
{
    /// <summary>Every stored key record.</summary>
    /// <returns>The records.</returns>
    IEnumerable<ApiKeyRecord> LoadAll();

    /// <summary>Inserts or replaces a record (by hash), durably.</summary>
    /// <param name="record">The record.</param>
    void Save(ApiKeyRecord record);
}
