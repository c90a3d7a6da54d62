using System.Diagnostics.CodeAnalysis;

namespace NeedToKnow.Core.Access;

/// <summary>Port: where hashed API keys survive restarts. Implemented in NeedToKnow.Storage.</summary>
/// <remarks>A completed write is durable. Methods may throw when the store is unreachable.</remarks>
[Experimental("NTK9001")]
public interface IAccessKeyStore
{
    /// <summary>Every stored key record.</summary>
    /// <returns>The records, in no particular order.</returns>
    IReadOnlyList<AccessKeyRecord> LoadAll();

    /// <summary>Inserts or replaces a record (by hash), durably.</summary>
    /// <param name="record">The record.</param>
    void Save(AccessKeyRecord record);
}
