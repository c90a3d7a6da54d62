namespace NeedToKnow.Core.Catalog;

/// <summary>Whether an API bound to a key reads personal information or only writes to the user's device.</summary>
public enum KeyAccess
{
    /// <summary>The app receives the information.</summary>
    Read,

    /// <summary>The app only writes (album, contacts, calendar) and receives nothing back; WeChat's <c>*WriteOnly</c> keys.</summary>
    WriteOnly,
}
