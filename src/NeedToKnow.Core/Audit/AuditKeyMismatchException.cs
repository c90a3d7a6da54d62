namespace NeedToKnow.Core.Audit;

/// <summary>
/// The signing key given to an <see cref="AuditPublisher"/> did not sign the log's latest tree head. Heads from another
/// key would split the log between two keys that no auditor holds together, so the log refuses to publish with it.
/// </summary>
public sealed class AuditKeyMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="keyId">The given key's id (hex of the SHA-256 of its public key).</param>
    /// <param name="treeSize">The size of the latest stored head.</param>
    public AuditKeyMismatchException(string keyId, long treeSize)
        : base($"the signing key (id {keyId[..Math.Min(16, keyId.Length)]}) did not sign the log's latest tree head (size {treeSize}): another key would split the log between two keys")
    {
        KeyId = keyId;
        TreeSize = treeSize;
    }

    /// <summary>The given key's id.</summary>
    public string KeyId { get; }

    /// <summary>The size of the latest stored head.</summary>
    public long TreeSize { get; }
}
