using NeedToKnow.Core.Audit.Merkle;

namespace NeedToKnow.Core.Audit;

/// <summary>The checks every store makes when it reads leaf hashes back for <see cref="IMerkleLeafHashReader"/>: one wording for all.</summary>
public static class AuditLeafHashes
{
    /// <summary>Copies one stored leaf hash after checking its index and length.</summary>
    /// <param name="index">The row's index.</param>
    /// <param name="expected">The index the read expects next.</param>
    /// <param name="leafHash">The row's stored leaf hash.</param>
    /// <param name="destination">Where it goes (at least 32 bytes).</param>
    /// <exception cref="InvalidDataException">The row is not the expected one or its hash is not 32 bytes.</exception>
    public static void Copy(long index, long expected, ReadOnlySpan<byte> leafHash, Span<byte> destination)
    {
        Check(index, expected, leafHash.Length);
        leafHash.CopyTo(destination);
    }

    /// <summary>Checks one stored row's index and leaf-hash length.</summary>
    /// <param name="index">The row's index.</param>
    /// <param name="expected">The index the read expects next.</param>
    /// <param name="leafHashLength">The length of its stored leaf hash.</param>
    /// <exception cref="InvalidDataException">The row is not the expected one or its hash is not 32 bytes.</exception>
    public static void Check(long index, long expected, int leafHashLength)
    {
        if (index != expected)
        {
            throw new InvalidDataException($"the audit log has no entry {expected}: run `ntk audit verify`");
        }

        if (leafHashLength != MerkleHasher.HashSize)
        {
            throw new InvalidDataException($"the audit log's entry {index} has a stored leaf hash of {leafHashLength} bytes, not {MerkleHasher.HashSize}: run `ntk audit verify`");
        }
    }

    /// <summary>Checks that a read returned every leaf it asked for.</summary>
    /// <param name="from">The first index asked for.</param>
    /// <param name="count">How many were asked for.</param>
    /// <param name="read">How many came back.</param>
    /// <exception cref="InvalidDataException">Fewer came back.</exception>
    public static void CheckCount(long from, int count, long read)
    {
        if (read != count)
        {
            throw new InvalidDataException($"the audit log has no entry {from + read}: run `ntk audit verify`");
        }
    }
}
