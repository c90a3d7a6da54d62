namespace NeedToKnow.Core.Audit;

/// <summary>A consistency proof between two tree sizes (RFC 9162 §2.1.4).</summary>
/// <param name="Size1">The earlier size.</param>
/// <param name="Size2">The later size.</param>
/// <param name="Hashes">The proof, 32 bytes each.</param>
public sealed record ConsistencyProof(long Size1, long Size2, byte[][] Hashes);
