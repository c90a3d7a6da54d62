namespace NeedToKnow.Core.Consent;

/// <summary>How a consent event was collected; receipts carry it as the collection method (Kantara CR v1.1 <c>collectionMethod</c>).</summary>
public enum ConsentMethod : byte
{
    /// <summary>The platform's privacy-declaration popup.</summary>
    PrivacyPopup = 1,

    /// <summary>A popup asking for one sensitive item alone: separate consent (PIPL Art. 29).</summary>
    SeparatePopup = 2,

    /// <summary>The scope authorization popup.</summary>
    ScopePopup = 3,

    /// <summary>The app's settings page.</summary>
    Settings = 4,

    /// <summary>The user's privacy page of the platform (withdrawal, removal).</summary>
    UserPage = 5,

    /// <summary>An operator or an API call on the user's behalf.</summary>
    Api = 6,
}
