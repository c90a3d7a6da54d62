namespace NeedToKnow.Core.Gate;

/// <summary>
/// One intercepted attempt to collect personal information: a <see cref="DecisionKind.Deny"/> of the gate, as the
/// audit log and the statistics read it ("since DATE, N attempts by M programs were intercepted"). It carries
/// privacy keys and pseudonymous ids only, never the personal information (DESIGN.md "Security").
/// </summary>
/// <param name="DecisionId">The decision that denied.</param>
/// <param name="Time">When the attempt happened (the request's time).</param>
/// <param name="AppId">The mini-program.</param>
/// <param name="UserId">The pseudonymous user.</param>
/// <param name="Target">The privacy API or key the app asked for, as sent.</param>
/// <param name="Key">The privacy key it resolved to, or null when it could not be resolved.</param>
/// <param name="Reason">The reason code.</param>
/// <param name="DecidedBy">The check that denied.</param>
/// <param name="Detail">Why that check failed.</param>
/// <param name="DeclarationVersion">The live declaration version; 0 when there was none.</param>
/// <param name="Error">The error, for fail-closed denies; else null.</param>
public sealed record InterceptionRecord(
    DecisionId DecisionId,
    DateTimeOffset Time,
    string AppId,
    string UserId,
    string Target,
    string? Key,
    GateReason Reason,
    GateCheck DecidedBy,
    GateDetail Detail,
    int DeclarationVersion,
    string? Error)
{
    /// <summary>Builds the record of a deny (STYLE.md H1: every deny is an interception built from the decision).</summary>
    /// <param name="request">The request that was denied.</param>
    /// <param name="decision">The deny decision.</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentException"><paramref name="decision"/> is not a deny.</exception>
    public static InterceptionRecord From(in GateRequest request, in GateDecision decision)
    {
        if (decision.Kind != DecisionKind.Deny)
        {
            throw new ArgumentException("an interception record needs a deny decision", nameof(decision));
        }

        return new InterceptionRecord(decision.Id, request.Time, request.AppId, request.UserId, request.Target, decision.Key,
            decision.Reason, decision.DecidedBy, decision.Detail, decision.DeclarationVersion, decision.Error);
    }
}
