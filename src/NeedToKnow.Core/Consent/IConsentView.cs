namespace NeedToKnow.Core.Consent;

/// <summary>
/// What the gate reads consent from: the current <see cref="ConsentState"/> per user and app. Implementations are
/// safe for concurrent readers, never block and never do I/O (<see cref="ConsentCache"/>, <see cref="ConsentSnapshot"/>).
/// </summary>
public interface IConsentView
{
    /// <summary>Looks up the state of a user for an app. Allocation-free.</summary>
    /// <param name="userId">The pseudonymous user.</param>
    /// <param name="appId">The app.</param>
    /// <param name="state">The state, when the user has one for the app.</param>
    /// <returns>True when found; false means "never asked".</returns>
    bool TryGet(string userId, string appId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ConsentState? state);
}
