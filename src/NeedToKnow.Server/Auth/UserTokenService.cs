using System.Security.Cryptography;
using System.Text;

namespace NeedToKnow.Server.Auth;

/// <summary>
/// Short-lived user tokens that the host obtains for a user so that the user pages can call the API as that user.
/// Format: <c>ntku_</c> + base64url(<c>userId|expiresUnixSeconds</c>) + <c>.</c> + base64url(HMAC-SHA256).
/// </summary>
/// <param name="secret">The HMAC key (at least 32 bytes). Tokens signed with another secret are refused.</param>
/// <param name="time">The clock.</param>
public sealed class UserTokenService(byte[] secret, TimeProvider time)
{
    /// <summary>The prefix every user token starts with.</summary>
    public const string Prefix = "ntku_";

    /// <summary>The longest lifetime a token may be issued for.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(1);

    /// <summary>Issues a token for <paramref name="userId"/>.</summary>
    /// <param name="userId">The pseudonymous user id (at most 128 characters, no <c>|</c>).</param>
    /// <param name="lifetime">How long it is valid, at most <see cref="MaxLifetime"/>.</param>
    /// <returns>The token text and its expiry.</returns>
    /// <exception cref="ArgumentException">A bad user id or lifetime.</exception>
    public (string Token, DateTimeOffset ExpiresAt) Issue(string userId, TimeSpan lifetime)
    {
        if (string.IsNullOrEmpty(userId) || userId.Length > 128 || userId.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException("a user id has 1 to 128 characters and no `|`", nameof(userId));
        }

        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
        {
            throw new ArgumentException("a user token lives at most 1 hour", nameof(lifetime));
        }

        var expires = time.GetUtcNow().Add(lifetime);
        var payload = Encoding.UTF8.GetBytes(userId + "|" + expires.ToUnixTimeSeconds());
        var mac = HMACSHA256.HashData(secret, payload);
        return (Prefix + ApiKeyStore.Base64Url(payload) + "." + ApiKeyStore.Base64Url(mac), expires);
    }

    /// <summary>Checks a token: signature and expiry.</summary>
    /// <param name="token">The token text.</param>
    /// <returns>The user id, or null when the token is malformed, forged or expired.</returns>
    public string? Validate(string token)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 512)
        {
            return null;
        }

        var dot = token.IndexOf('.', Prefix.Length);
        if (dot < 0)
        {
            return null;
        }

        byte[] payload, mac;
        try
        {
            payload = FromBase64Url(token[Prefix.Length..dot]);
            mac = FromBase64Url(token[(dot + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(secret, payload), mac))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(payload);
        var bar = text.LastIndexOf('|');
        if (bar <= 0 || !long.TryParse(text.AsSpan(bar + 1), out var expires))
        {
            return null;
        }

        return time.GetUtcNow().ToUnixTimeSeconds() < expires ? text[..bar] : null;
    }

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s += (s.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        return Convert.FromBase64String(s);
    }
}
