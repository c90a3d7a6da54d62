namespace NeedToKnow.Core.Catalog;

/// <summary>Who defined a privacy key.</summary>
public enum KeyOrigin
{
    /// <summary>One of WeChat's 28 <c>privacy_key</c> values.</summary>
    WeChat,

    /// <summary>Defined by NeedToKnow (e.g. <c>Contact.Read</c>, or the <c>x-</c> keys the service categories use).</summary>
    Ntk,

    /// <summary>Defined by the platform operator in an override file.</summary>
    Operator,
}
