namespace NeedToKnow.Core.Catalog;

/// <summary>Whether a platform still asks the user for an authorization scope.</summary>
public enum ScopeStatus
{
    /// <summary>The user is asked; a refusal blocks the API until re-enabled in settings.</summary>
    Active,

    /// <summary>The platform cancelled the authorization: the API is callable directly and the setting reads true.</summary>
    Cancelled,

    /// <summary>The platform withdrew the data behind it (e.g. <c>scope.userInfo</c> now yields anonymous data).</summary>
    Withdrawn,
}
