using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NeedToKnow.Core.Consent;

/// <summary>
/// A 64-bit fingerprint of a purpose text: the first 8 bytes of SHA-256 over the UTF-8 text after trimming. A
/// consent covers a key only under the purpose it was given for; a changed purpose needs fresh consent (reference
/// §2.1 "a popup and fresh express consent are needed before changing purpose or scope"), which the gate sees as a
/// different hash.
/// </summary>
/// <param name="Value">The fingerprint.</param>
public readonly record struct PurposeHash(ulong Value)
{
    /// <summary>Fingerprints a purpose text.</summary>
    /// <param name="purpose">The purpose as shown to the user.</param>
    /// <returns>The hash.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="purpose"/> is null.</exception>
    public static PurposeHash Of(string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(purpose.Trim()), digest);
        return new PurposeHash(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(digest));
    }

    /// <summary>Parses the 16-hex-digit form written by <see cref="ToString"/>.</summary>
    /// <param name="text">16 hex digits.</param>
    /// <returns>The hash.</returns>
    /// <exception cref="FormatException"><paramref name="text"/> is not 16 hex digits.</exception>
    public static PurposeHash Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length != 16 || !ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
        {
            throw new FormatException("a purpose hash is 16 hex digits, got `" + text + "`");
        }

        return new PurposeHash(v);
    }

    /// <summary>Formats as 16 lowercase hex digits.</summary>
    /// <returns>The hash as text.</returns>
    public override string ToString() => Value.ToString("x16", CultureInfo.InvariantCulture);
}
