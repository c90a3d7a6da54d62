using System.Buffers.Binary;
using System.Text;

namespace NeedToKnow.Core.Audit;

/// <summary>
/// A signed tree head: the log's size, the time it was signed and its root (RFC 9162 §4.10), signed with ECDSA P-256
/// over <see cref="SignedBytes(long, DateTimeOffset, ReadOnlySpan{byte})"/>. Anyone holding one can later check that the log still contains exactly these
/// entries (recompute the root) and that a newer head extends it (a consistency proof, RFC 9162 §2.1.4).
/// </summary>
/// <param name="TreeSize">The number of entries covered.</param>
/// <param name="Timestamp">When it was signed, to the millisecond (UTC).</param>
/// <param name="RootHash">MTH of the first <paramref name="TreeSize"/> entries; 32 bytes.</param>
/// <param name="Signature">ECDSA P-256 with SHA-256 over <see cref="SignedBytes(long, DateTimeOffset, ReadOnlySpan{byte})"/>, IEEE P1363 form (r || s, 64 bytes).</param>
public sealed record SignedTreeHead(long TreeSize, DateTimeOffset Timestamp, byte[] RootHash, byte[] Signature)
{
    /// <summary>The 16 ASCII bytes that start the signed layout and separate it from any other signed data.</summary>
    public static ReadOnlySpan<byte> Domain => "ntk-audit-sth-v1"u8;

    /// <summary>The length of <see cref="SignedBytes(long, DateTimeOffset, ReadOnlySpan{byte})"/>: 16 + 8 + 8 + 32 = 64 bytes.</summary>
    public const int SignedLength = 64;

    /// <summary>
    /// The canonical signed byte layout: <c>"ntk-audit-sth-v1"</c> (16 ASCII bytes) || tree size (u64 big-endian) ||
    /// timestamp in milliseconds since the Unix epoch (u64 big-endian) || root hash (32 bytes). The fields are those of
    /// RFC 9162 §4.10's TreeHeadDataV2, in a fixed-size layout of our own.
    /// </summary>
    /// <param name="treeSize">The tree size, 0 or more.</param>
    /// <param name="timestamp">The signing time.</param>
    /// <param name="rootHash">32 bytes.</param>
    /// <returns>64 bytes.</returns>
    /// <exception cref="ArgumentException">The root is not 32 bytes or the size is negative.</exception>
    public static byte[] SignedBytes(long treeSize, DateTimeOffset timestamp, ReadOnlySpan<byte> rootHash)
    {
        if (rootHash.Length != 32 || treeSize < 0)
        {
            throw new ArgumentException("a tree head has a size of 0 or more and a 32-byte root");
        }

        var bytes = new byte[SignedLength];
        Domain.CopyTo(bytes);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(16), treeSize);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(24), timestamp.ToUnixTimeMilliseconds());
        rootHash.CopyTo(bytes.AsSpan(32));
        return bytes;
    }

    /// <summary>This head's <see cref="SignedBytes(long, DateTimeOffset, ReadOnlySpan{byte})"/>.</summary>
    /// <returns>64 bytes.</returns>
    public byte[] SignedBytes() => SignedBytes(TreeSize, Timestamp, RootHash);

    /// <summary>A one-line description for reports: size, time and root in hex.</summary>
    /// <returns>Text.</returns>
    public override string ToString() =>
        new StringBuilder().Append("size ").Append(TreeSize).Append(" at ").Append(Timestamp.UtcDateTime.ToString("O"))
            .Append(" root ").Append(Convert.ToHexStringLower(RootHash)).ToString();
}
