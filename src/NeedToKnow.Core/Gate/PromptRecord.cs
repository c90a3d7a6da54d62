namespace NeedToKnow.Core.Gate;

/// <summary>
/// One prompt the gate asked the host to show: a <see cref="DecisionKind.Prompt"/>, as the audit log and the
/// statistics read it (how often users are asked, and for what). Pseudonymous ids and keys only.
/// </summary>
/// <param name="DecisionId">The decision that prompted.</param>
/// <param name="Time">When (the request's time).</param>
/// <param name="AppId">The mini-program.</param>
/// <param name="UserId">The pseudonymous user.</param>
/// <param name="Target">The privacy API or key the app asked for, as sent.</param>
/// <param name="Key">The privacy key.</param>
/// <param name="Kind">Declaration consent or scope authorization.</param>
/// <param name="Reason">The reason code (104 for declaration consent, 103 for a scope).</param>
/// <param name="Detail">Why the prompt was needed (never asked, purpose changed, cooldown over...).</param>
/// <param name="DeclarationVersion">The live declaration version whose text was shown.</param>
/// <param name="Scope">The scope asked for, for a scope authorization; else null.</param>
/// <param name="SeparateConsent">True when separate consent for sensitive personal information was asked.</param>
public sealed record PromptRecord(
    DecisionId DecisionId,
    DateTimeOffset Time,
    string AppId,
    string UserId,
    string Target,
    string Key,
    PromptKind Kind,
    GateReason Reason,
    GateDetail Detail,
    int DeclarationVersion,
    string? Scope,
    bool SeparateConsent)
{
    /// <summary>Builds the record of a prompt decision.</summary>
    /// <param name="request">The request.</param>
    /// <param name="decision">The prompt decision.</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentException"><paramref name="decision"/> is not a prompt.</exception>
    public static PromptRecord From(in GateRequest request, in GateDecision decision)
    {
        if (decision.Kind != DecisionKind.Prompt || decision.Prompt is null)
        {
            throw new ArgumentException("a prompt record needs a prompt decision", nameof(decision));
        }

        var p = decision.Prompt;
        return new PromptRecord(decision.Id, request.Time, request.AppId, request.UserId, request.Target, p.Key, p.Kind,
            decision.Reason, decision.Detail, decision.DeclarationVersion, p.Scope, p.SeparateConsent);
    }
}
