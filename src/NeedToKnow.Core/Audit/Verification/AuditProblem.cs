namespace NeedToKnow.Core.Audit.Verification;

/// <summary>One problem found by <see cref="AuditLogVerifier"/>.</summary>
/// <param name="Kind">What kind.</param>
/// <param name="Index">The first entry index concerned, or null when the problem is about the log as a whole.</param>
/// <param name="Message">Lowercase, one line, naming the indexes.</param>
public sealed record AuditProblem(AuditProblemKind Kind, long? Index, string Message);
