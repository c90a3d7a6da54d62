using System.Security.Cryptography;

namespace NeedToKnow.Core.Audit;

/// <summary>Checks tree head signatures with the log's ECDSA P-256 public key (SubjectPublicKeyInfo, RFC 5480).</summary>
public sealed class TreeHeadVerifier
{
    private readonly byte[] _publicKey;
    private readonly ECDsa _key;
    private readonly Lock _lock = new();

    private TreeHeadVerifier(byte[] subjectPublicKeyInfo)
    {
        _publicKey = subjectPublicKeyInfo;
        _key = ECDsa.Create();
        _key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        KeyId = Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo));
    }

    /// <summary>The key id: SHA-256 of the DER SubjectPublicKeyInfo, 64 hex digits (as RFC 9162 §4.4 identifies logs by key hash).</summary>
    public string KeyId { get; }

    /// <summary>The public key as PEM (<c>-----BEGIN PUBLIC KEY-----</c>).</summary>
    public string PublicKeyPem => PemEncoding.WriteString("PUBLIC KEY", _publicKey);

    /// <summary>Reads a public key from PEM; a private key PEM is accepted too and its public half is used.</summary>
    /// <param name="pem">PEM text.</param>
    /// <returns>The verifier.</returns>
    /// <exception cref="ArgumentException">The text holds no P-256 key.</exception>
    public static TreeHeadVerifier FromPem(string pem)
    {
        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new ArgumentException("the audit public key is not a PEM EC key (expected `-----BEGIN PUBLIC KEY-----`, `BEGIN PRIVATE KEY` or `BEGIN EC PRIVATE KEY`)", nameof(pem), e);
        }

        if (key.KeySize != 256)
        {
            throw new ArgumentException($"the audit key must be on P-256, not a {key.KeySize}-bit curve", nameof(pem));
        }

        return new TreeHeadVerifier(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>Creates a verifier from a DER SubjectPublicKeyInfo.</summary>
    /// <param name="subjectPublicKeyInfo">The DER bytes.</param>
    /// <returns>The verifier.</returns>
    public static TreeHeadVerifier FromPublicKey(byte[] subjectPublicKeyInfo) => new((byte[])subjectPublicKeyInfo.Clone());

    /// <summary>Whether <paramref name="head"/>'s signature is valid for this key.</summary>
    /// <param name="head">The head.</param>
    /// <returns>True when valid; false for a bad signature or a malformed head.</returns>
    public bool Verify(SignedTreeHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        if (head.RootHash.Length != 32 || head.TreeSize < 0 || head.Signature.Length != 64)
        {
            return false;
        }

        lock (_lock)
        {
            return _key.VerifyData(head.SignedBytes(), head.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }
}
