namespace NeedToKnow.Core.Audit;

/// <summary>What an audit entry records. The numeric values are part of the canonical encoding and never change.</summary>
public enum AuditEntryKind : byte
{
    /// <summary>1: the gate denied a privacy API call (an interception; DESIGN.md "How data flows" step 2).</summary>
    Interception = 1,

    /// <summary>2: the gate returned a prompt and the host showed it (a prompt record).</summary>
    Prompt = 2,

    /// <summary>3: a consent event in the consent ledger (granted, refused, withdrawn).</summary>
    Consent = 3,

    /// <summary>4: an enforcement action by the operator (ban, unban, take-down).</summary>
    Enforcement = 4,

    /// <summary>5: a privacy declaration version went live.</summary>
    DeclarationPublished = 5,
}
