using System.Security.Cryptography;

namespace NeedToKnow.Core.Audit;

/// <summary>
/// Signs tree heads with the operator's ECDSA P-256 key (FIPS 186-5, SHA-256, IEEE P1363 signatures), read from PEM:
/// PKCS#8 (<c>-----BEGIN PRIVATE KEY-----</c>) or SEC 1 (<c>-----BEGIN EC PRIVATE KEY-----</c>).
/// </summary>
public sealed class TreeHeadSigner : IDisposable
{
    private readonly ECDsa _key;

    private TreeHeadSigner(ECDsa key)
    {
        _key = key;
        Verifier = TreeHeadVerifier.FromPublicKey(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The matching verifier (public key), which auditors are given.</summary>
    public TreeHeadVerifier Verifier { get; }

    /// <summary>Reads a P-256 private key from PEM.</summary>
    /// <param name="pem">PKCS#8 or SEC 1 PEM text.</param>
    /// <returns>The signer.</returns>
    /// <exception cref="ArgumentException">The text holds no private key, or the key is not on P-256.</exception>
    public static TreeHeadSigner FromPem(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new ArgumentException("the audit signing key is not a PEM EC private key (expected `-----BEGIN PRIVATE KEY-----` or `BEGIN EC PRIVATE KEY`)", nameof(pem), e);
        }

        var parameters = key.ExportParameters(false);
        if (key.KeySize != 256 || parameters.Curve.Oid?.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            key.Dispose();
            throw new ArgumentException($"the audit signing key must be on P-256, not a {key.KeySize}-bit curve", nameof(pem));
        }

        try
        {
            _ = key.ExportPkcs8PrivateKey();
        }
        catch (CryptographicException e)
        {
            key.Dispose();
            throw new ArgumentException("the audit signing key PEM holds a public key; a private key is needed", nameof(pem), e);
        }

        return new TreeHeadSigner(key);
    }

    /// <summary>Creates a new random P-256 key (for tests and <c>ntk audit keygen</c>).</summary>
    /// <returns>The signer.</returns>
    public static TreeHeadSigner Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>The private key as PKCS#8 PEM.</summary>
    /// <returns>PEM text.</returns>
    public string ExportPrivateKeyPem() => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>Signs a tree head.</summary>
    /// <param name="treeSize">The size.</param>
    /// <param name="timestamp">The time; truncated to the millisecond.</param>
    /// <param name="rootHash">The root, 32 bytes.</param>
    /// <returns>The signed head.</returns>
    public SignedTreeHead Sign(long treeSize, DateTimeOffset timestamp, ReadOnlySpan<byte> rootHash)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(timestamp.ToUnixTimeMilliseconds());
        var signed = SignedTreeHead.SignedBytes(treeSize, time, rootHash);
        var signature = _key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new SignedTreeHead(treeSize, time, rootHash.ToArray(), signature);
    }

    /// <inheritdoc/>
    public void Dispose() => _key.Dispose();
}
