namespace NeedToKnow.Core.Audit.Verification;

/// <summary>The result of verifying a stored audit log.</summary>
/// <param name="EntriesRead">How many rows were read.</param>
/// <param name="Problems">What is wrong; empty when the log verifies.</param>
/// <param name="Notes">What was and was not checked (e.g. no key given, entries not yet signed).</param>
/// <param name="CheckedHeads">How many signed tree heads the recomputed roots were compared with.</param>
/// <param name="LatestHead">The newest head checked, or null.</param>
public sealed record AuditVerificationReport(long EntriesRead, IReadOnlyList<AuditProblem> Problems, IReadOnlyList<string> Notes, int CheckedHeads, SignedTreeHead? LatestHead)
{
    /// <summary>True when no problem was found.</summary>
    public bool IsValid => Problems.Count == 0;
}
