using System.Security.Cryptography;
using System.Text;

namespace NeedToKnow.Core.Audit;

/// <summary>
/// Turns a pseudonymous user id into the keyed hash the audit log stores: HMAC-SHA256 (RFC 2104) with the operator's
/// secret. Without the secret the hash cannot be linked back to the id by trying candidate ids.
/// </summary>
public sealed class AuditUserHasher
{
    /// <summary>The shortest secret accepted, in bytes: 32 (the HMAC-SHA256 output size, RFC 2104 §3).</summary>
    public const int MinSecretBytes = 32;

    private readonly byte[] _secret;

    /// <summary>Creates a hasher with the operator's secret.</summary>
    /// <param name="secret">At least <see cref="MinSecretBytes"/> bytes; copied.</param>
    /// <exception cref="ArgumentException">The secret is shorter than <see cref="MinSecretBytes"/>.</exception>
    public AuditUserHasher(ReadOnlySpan<byte> secret)
    {
        if (secret.Length < MinSecretBytes)
        {
            throw new ArgumentException($"the audit user secret has {secret.Length} bytes, below the minimum of {MinSecretBytes}", nameof(secret));
        }

        _secret = secret.ToArray();
    }

    /// <summary>The keyed hash of <paramref name="pseudonymousUserId"/>, as 64 lowercase hex digits; empty for an empty id.</summary>
    /// <param name="pseudonymousUserId">The platform's pseudonymous user id (an openid), never personal information.</param>
    /// <returns>64 hex digits, or empty.</returns>
    public string Hash(string pseudonymousUserId)
    {
        ArgumentNullException.ThrowIfNull(pseudonymousUserId);
        if (pseudonymousUserId.Length == 0)
        {
            return string.Empty;
        }

        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(pseudonymousUserId), mac);
        return Convert.ToHexStringLower(mac);
    }
}
