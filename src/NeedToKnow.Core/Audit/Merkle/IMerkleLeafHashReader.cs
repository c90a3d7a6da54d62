namespace NeedToKnow.Core.Audit.Merkle;

/// <summary>
/// Reads stored leaf hashes synchronously, a tile at a time: what the audit log's tiled tree recomputes the lower
/// levels of the tree from, so that they need not stay in memory (the audit log store implements it).
/// </summary>
public interface IMerkleLeafHashReader
{
    /// <summary>Copies the stored leaf hashes of leaves [<paramref name="from"/>, <paramref name="from"/> + <paramref name="count"/>) into <paramref name="destination"/>, 32 bytes each, in index order.</summary>
    /// <param name="from">The first leaf index.</param>
    /// <param name="count">The number of leaves, all durable.</param>
    /// <param name="destination">At least 32 × <paramref name="count"/> bytes.</param>
    /// <exception cref="InvalidDataException">A leaf is missing or its stored hash is not 32 bytes (run <c>ntk audit verify</c>).</exception>
    void ReadLeafHashes(long from, int count, Span<byte> destination);
}
