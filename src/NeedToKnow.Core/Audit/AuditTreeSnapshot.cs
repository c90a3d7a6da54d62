namespace NeedToKnow.Core.Audit;

/// <summary>The integrated (durable) tree at one moment: its size and root.</summary>
/// <param name="Size">The number of durable entries.</param>
/// <param name="Root">MTH of those entries, 32 bytes.</param>
public sealed record AuditTreeSnapshot(long Size, byte[] Root);
