namespace NeedToKnow.Core.Audit.Statistics;

/// <summary>A count under one name (a privacy key, a reason code, an app id or an outcome).</summary>
/// <param name="Name">The name.</param>
/// <param name="Count">How many entries.</param>
public sealed record AuditCount(string Name, long Count);
