namespace NeedToKnow.Core.Gate;

/// <summary>Which prompt the host shows for a <see cref="DecisionKind.Prompt"/> decision (reference §0, gates 3 and 4).</summary>
public enum PromptKind : byte
{
    /// <summary>No prompt (the decision is not a prompt).</summary>
    None = 0,

    /// <summary>Consent to the privacy declaration's item for the key (WeChat's privacy-guide popup, errno 104 when missing).</summary>
    DeclarationConsent = 1,

    /// <summary>Authorization of a scope such as <c>scope.userLocation</c> (WeChat's <c>wx.authorize</c> popup).</summary>
    ScopeAuthorization = 2,
}
