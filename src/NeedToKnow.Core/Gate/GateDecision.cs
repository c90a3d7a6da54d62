namespace NeedToKnow.Core.Gate;

/// <summary>
/// The answer of the gate to one <see cref="GateRequest"/>: a small value carrying the kind, the reason code, the
/// check that decided and why (STYLE.md H1, after Cedar's <c>Response</c> and <c>Diagnostics</c>).
/// </summary>
/// <remarks>
/// Every <see cref="DecisionKind.Deny"/> becomes an <see cref="InterceptionRecord"/> and every
/// <see cref="DecisionKind.Prompt"/> a <see cref="PromptRecord"/>. A decision on the allow path allocates nothing:
/// the strings it carries come from the declaration snapshot.
/// </remarks>
/// <param name="Kind">Allow, prompt or deny.</param>
/// <param name="Reason">The reason code (WeChat errno where one exists); <see cref="GateReason.None"/> for an allow.</param>
/// <param name="DecidedBy">The check that decided; <see cref="GateCheck.None"/> for an allow.</param>
/// <param name="Detail">Why that check failed, one level finer than the reason.</param>
/// <param name="Key">The privacy key the request resolved to, or null when it could not be resolved.</param>
/// <param name="Id">The unique decision id.</param>
/// <param name="DeclarationVersion">The live declaration version the decision was made under; 0 when there was none.</param>
/// <param name="Prompt">What to show for a prompt, else null.</param>
/// <param name="Error">The error met on the way for <see cref="GateReason.InternalError"/> or <see cref="GateReason.StoreUnavailable"/>, else null.</param>
public readonly record struct GateDecision(
    DecisionKind Kind,
    GateReason Reason,
    GateCheck DecidedBy,
    GateDetail Detail,
    string? Key,
    DecisionId Id,
    int DeclarationVersion,
    PromptContent? Prompt,
    string? Error)
{
    /// <summary>True for <see cref="DecisionKind.Allow"/>.</summary>
    public bool IsAllowed => Kind == DecisionKind.Allow;
}
