using System.Buffers.Binary;
using System.Text;

namespace NeedToKnow.Core.Audit;

/// <summary>
/// The canonical byte encoding of an audit entry, which is the Merkle leaf (RFC 9162 §2.1.1 hashes it as
/// SHA-256(0x00 || bytes)). Layout, all integers big-endian:
/// <code>
/// u8  format = 1
/// u64 index            the entry's position in the log (binds it to its place: a reordered row is found)
/// u8  kind             AuditEntryKind
/// i64 time             milliseconds since 1970-01-01T00:00:00Z
/// str app, appVersion, privacyKey, api, reasonCode, outcome   each u16 length + UTF-8 bytes (at most 256)
/// u8  userHashLength   0 or 32, then that many bytes (HMAC-SHA256 of the pseudonymous user id)
/// </code>
/// Decoding is strict: unknown format or kind, bad UTF-8, a wrong length or trailing bytes are errors.
/// </summary>
public static class AuditEntryCodec
{
    /// <summary>The only format version written and read: 1.</summary>
    public const byte FormatVersion = 1;

    /// <summary>The longest text field, in UTF-8 bytes (STYLE.md H10).</summary>
    public const int MaxFieldBytes = 256;

    /// <summary>The longest encoding: header, six maximal fields and a user hash.</summary>
    public const int MaxEncodedBytes = 1 + 8 + 1 + 8 + (6 * (2 + MaxFieldBytes)) + 1 + 32;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Encodes <paramref name="entry"/> as the leaf at <paramref name="index"/>.</summary>
    /// <param name="index">The entry's position in the log, 0 or more.</param>
    /// <param name="entry">The entry.</param>
    /// <returns>The canonical bytes.</returns>
    /// <exception cref="ArgumentException">A field exceeds <see cref="MaxFieldBytes"/>, the kind is unknown, or the user hash is not 64 hex digits; the message names the field, the limit and the observed value.</exception>
    public static byte[] Encode(long index, AuditEntry entry)
    {
        Span<byte> buffer = stackalloc byte[MaxEncodedBytes];
        var length = EncodeTo(index, entry, buffer);
        return buffer[..length].ToArray();
    }

    /// <summary>Encodes <paramref name="entry"/> as the leaf at <paramref name="index"/> into <paramref name="buffer"/>, without allocating.</summary>
    /// <param name="index">The entry's position in the log, 0 or more.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="buffer">At least <see cref="MaxEncodedBytes"/> bytes.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentException">As <see cref="Encode"/>, or the buffer is shorter than <see cref="MaxEncodedBytes"/>.</exception>
    public static int EncodeTo(long index, AuditEntry entry, Span<byte> buffer)
    {
        if (buffer.Length < MaxEncodedBytes)
        {
            throw new ArgumentException($"an audit entry buffer needs {MaxEncodedBytes} bytes, got {buffer.Length}", nameof(buffer));
        }

        ArgumentNullException.ThrowIfNull(entry);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (!Enum.IsDefined(entry.Kind))
        {
            throw new ArgumentException($"unknown audit entry kind `{(int)entry.Kind}`", nameof(entry));
        }

        Span<byte> user = stackalloc byte[32];
        var userLength = 0;
        if (entry.UserHash.Length != 0)
        {
            if (entry.UserHash.Length != 64 || Convert.FromHexString(entry.UserHash, user, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
            {
                throw new ArgumentException($"the user hash must be 64 hex digits, got {entry.UserHash.Length} characters", nameof(entry));
            }

            userLength = 32;
        }

        buffer[0] = FormatVersion;
        BinaryPrimitives.WriteInt64BigEndian(buffer[1..], index);
        buffer[9] = (byte)entry.Kind;
        BinaryPrimitives.WriteInt64BigEndian(buffer[10..], entry.Time.ToUnixTimeMilliseconds());
        var at = 18;
        at += WriteField(buffer[at..], entry.AppId, "app");
        at += WriteField(buffer[at..], entry.AppVersion, "appVersion");
        at += WriteField(buffer[at..], entry.PrivacyKey, "privacyKey");
        at += WriteField(buffer[at..], entry.Api, "api");
        at += WriteField(buffer[at..], entry.ReasonCode, "reasonCode");
        at += WriteField(buffer[at..], entry.Outcome, "outcome");
        buffer[at++] = (byte)userLength;
        user[..userLength].CopyTo(buffer[at..]);
        at += userLength;
        return at;
    }

    /// <summary>Decodes canonical bytes.</summary>
    /// <param name="bytes">The encoding.</param>
    /// <param name="index">The index the entry carries.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="error">Why it could not be read (lowercase, one line), or null.</param>
    /// <returns>True when the bytes are a valid encoding.</returns>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out long index, out AuditEntry entry, out string? error)
    {
        index = -1;
        entry = null!;
        error = null;
        if (bytes.Length < 18)
        {
            error = $"an entry has at least 18 bytes, got {bytes.Length}";
            return false;
        }

        if (bytes[0] != FormatVersion)
        {
            error = $"unknown entry format {bytes[0]}";
            return false;
        }

        index = BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
        var kind = (AuditEntryKind)bytes[9];
        if (index < 0 || !Enum.IsDefined(kind))
        {
            error = index < 0 ? $"negative index {index}" : $"unknown entry kind {bytes[9]}";
            return false;
        }

        var ms = BinaryPrimitives.ReadInt64BigEndian(bytes[10..]);
        if (ms < -62135596800000 || ms > 253402300799999)
        {
            error = $"time {ms} ms is out of range";
            return false;
        }

        var at = 18;
        var fields = new string[6];
        for (var i = 0; i < fields.Length; i++)
        {
            if (!ReadField(bytes, ref at, out fields[i]!, out error))
            {
                return false;
            }
        }

        if (at >= bytes.Length || (bytes[at] != 0 && bytes[at] != 32) || bytes.Length != at + 1 + bytes[at])
        {
            error = "the user hash length or the entry length is wrong";
            return false;
        }

        var userHash = bytes[at] == 0 ? string.Empty : Convert.ToHexStringLower(bytes.Slice(at + 1, 32));
        entry = new AuditEntry(kind, DateTimeOffset.FromUnixTimeMilliseconds(ms), fields[0], fields[2], fields[4], userHash, fields[5], fields[1], fields[3]);
        return true;
    }

    /// <summary>
    /// Checks that <paramref name="bytes"/> is a valid encoding and reads only its index, without allocating (the
    /// whole-log verifier's fast path). Accepts exactly what <see cref="TryDecode"/> accepts.
    /// </summary>
    /// <param name="bytes">The encoding.</param>
    /// <param name="index">The index the entry carries, or -1.</param>
    /// <param name="error">Why it is invalid, or null.</param>
    /// <returns>True when valid.</returns>
    public static bool TryReadIndex(ReadOnlySpan<byte> bytes, out long index, out string? error)
    {
        index = -1;
        if (bytes.Length < 18 || bytes[0] != FormatVersion)
        {
            error = bytes.Length < 18 ? $"an entry has at least 18 bytes, got {bytes.Length}" : $"unknown entry format {bytes[0]}";
            return false;
        }

        var candidate = BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
        var ms = BinaryPrimitives.ReadInt64BigEndian(bytes[10..]);
        if (candidate < 0 || !Enum.IsDefined((AuditEntryKind)bytes[9]) || ms < -62135596800000 || ms > 253402300799999)
        {
            error = "the entry header (index, kind or time) is out of range";
            return false;
        }

        var at = 18;
        for (var i = 0; i < 6; i++)
        {
            if (at + 2 > bytes.Length)
            {
                error = "the entry ends inside a field";
                return false;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);
            if (length > MaxFieldBytes || at + 2 + length > bytes.Length || !System.Text.Unicode.Utf8.IsValid(bytes.Slice(at + 2, length)))
            {
                error = "a field is too long or not valid UTF-8";
                return false;
            }

            at += 2 + length;
        }

        if (at >= bytes.Length || (bytes[at] != 0 && bytes[at] != 32) || bytes.Length != at + 1 + bytes[at])
        {
            error = "the user hash length or the entry length is wrong";
            return false;
        }

        index = candidate;
        error = null;
        return true;
    }

    /// <summary>Overwrites the index inside an encoding (the sequencer assigns it after the caller encoded the entry).</summary>
    internal static void SetIndex(Span<byte> encoded, long index) => BinaryPrimitives.WriteInt64BigEndian(encoded[1..], index);

    private static int WriteField(Span<byte> destination, string value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length * 3 <= MaxFieldBytes)
        {
            // At most 3 UTF-8 bytes per UTF-16 unit: it fits, so encode in one pass without counting first.
            var written = Encoding.UTF8.GetBytes(value, destination[2..]);
            BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)written);
            return 2 + written;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        if (length > MaxFieldBytes)
        {
            throw new ArgumentException($"audit field `{name}` has {length} UTF-8 bytes, above the limit of {MaxFieldBytes}", name);
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)length);
        Encoding.UTF8.GetBytes(value, destination[2..]);
        return 2 + length;
    }

    private static bool ReadField(ReadOnlySpan<byte> bytes, ref int at, out string? value, out string? error)
    {
        value = null;
        error = null;
        if (at + 2 > bytes.Length)
        {
            error = "the entry ends inside a field";
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);
        if (length > MaxFieldBytes || at + 2 + length > bytes.Length)
        {
            error = $"a field of {length} bytes does not fit";
            return false;
        }

        try
        {
            value = StrictUtf8.GetString(bytes.Slice(at + 2, length));
        }
        catch (DecoderFallbackException)
        {
            error = "a field is not valid UTF-8";
            return false;
        }

        at += 2 + length;
        return true;
    }
}
