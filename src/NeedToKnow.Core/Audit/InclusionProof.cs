namespace NeedToKnow.Core.Audit;

/// <summary>An inclusion proof of one entry (RFC 9162 §2.1.3).</summary>
/// <param name="LeafIndex">The entry's index.</param>
/// <param name="TreeSize">The size of the tree the proof is for.</param>
/// <param name="LeafHash">The entry's leaf hash, 32 bytes.</param>
/// <param name="Hashes">The audit path, bottom-up, 32 bytes each.</param>
public sealed record InclusionProof(long LeafIndex, long TreeSize, byte[] LeafHash, byte[][] Hashes);
