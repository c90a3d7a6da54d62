namespace NeedToKnow.Core.Gate;

/// <summary>What the gate answers to one privacy API call (DESIGN.md "Gate checks").</summary>
public enum DecisionKind : byte
{
    /// <summary>Refuse the call; the host fails it with <see cref="GateDecision.Reason"/>. Every deny is an interception.</summary>
    Deny = 0,

    /// <summary>Let the call proceed.</summary>
    Allow = 1,

    /// <summary>Show the user <see cref="GateDecision.Prompt"/> first, then report the answer as a consent event.</summary>
    Prompt = 2,
}
