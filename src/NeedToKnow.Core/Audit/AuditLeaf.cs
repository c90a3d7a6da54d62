namespace NeedToKnow.Core.Audit;

/// <summary>One stored row of the audit log: the index, the canonical entry bytes and their leaf hash.</summary>
/// <param name="Index">The position in the log, from 0.</param>
/// <param name="Entry">The canonical bytes (<see cref="AuditEntryCodec"/>).</param>
/// <param name="LeafHash">SHA-256(0x00 || Entry), 32 bytes (RFC 9162 §2.1.1), as stored; a verifier recomputes it.</param>
public sealed record AuditLeaf(long Index, byte[] Entry, byte[] LeafHash);
