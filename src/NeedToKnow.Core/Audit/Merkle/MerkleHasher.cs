using System.Security.Cryptography;

namespace NeedToKnow.Core.Audit.Merkle;

/// <summary>
/// The Merkle tree hashing of RFC 9162 §2.1.1 (same as RFC 6962 §2.1) with SHA-256: a leaf hash is
/// SHA-256(0x00 || entry) and an interior node is SHA-256(0x01 || left || right); the empty tree hashes to SHA-256("").
/// </summary>
public static class MerkleHasher
{
    /// <summary>The size of every hash in bytes (SHA-256): 32.</summary>
    public const int HashSize = 32;

    private static readonly byte[] Empty = SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>The root of the empty tree, MTH({}) = SHA-256() (RFC 9162 §2.1.1); a fresh copy on every call.</summary>
    public static byte[] EmptyRoot => (byte[])Empty.Clone();

    /// <summary>Whether <paramref name="hash"/> is the empty-tree root.</summary>
    /// <param name="hash">A hash of any length.</param>
    /// <returns>True when it equals SHA-256 of the empty string.</returns>
    public static bool IsEmptyRoot(ReadOnlySpan<byte> hash) => hash.SequenceEqual(Empty);

    /// <summary>Writes SHA-256(0x00 || <paramref name="entry"/>) to <paramref name="destination"/> (RFC 9162 §2.1.1).</summary>
    /// <param name="entry">The leaf's bytes (the canonical entry encoding).</param>
    /// <param name="destination">At least <see cref="HashSize"/> bytes.</param>
    public static void HashLeaf(ReadOnlySpan<byte> entry, Span<byte> destination) => Sha256.Hash(0x00, entry, default, destination);

    /// <summary>Returns SHA-256(0x00 || <paramref name="entry"/>) (RFC 9162 §2.1.1).</summary>
    /// <param name="entry">The leaf's bytes.</param>
    /// <returns>A new 32-byte array.</returns>
    public static byte[] HashLeaf(ReadOnlySpan<byte> entry)
    {
        var result = new byte[HashSize];
        HashLeaf(entry, result);
        return result;
    }

    /// <summary>Writes SHA-256(0x01 || <paramref name="left"/> || <paramref name="right"/>) (RFC 9162 §2.1.1).</summary>
    /// <param name="left">The left child's hash (any length; proofs from untrusted input are hashed as given).</param>
    /// <param name="right">The right child's hash.</param>
    /// <param name="destination">At least <see cref="HashSize"/> bytes; may overlap either input.</param>
    public static void HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination) => Sha256.Hash(0x01, left, right, destination);

    /// <summary>Returns SHA-256(0x01 || <paramref name="left"/> || <paramref name="right"/>) (RFC 9162 §2.1.1).</summary>
    /// <param name="left">The left child's hash.</param>
    /// <param name="right">The right child's hash.</param>
    /// <returns>A new 32-byte array.</returns>
    public static byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var result = new byte[HashSize];
        HashChildren(left, right, result);
        return result;
    }
}
