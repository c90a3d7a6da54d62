namespace NeedToKnow.Core.Gate;

/// <summary>
/// The reason code of a decision. Values mirror WeChat's errno where one exists so host developers recognise them
/// (https://developers.weixin.qq.com/miniprogram/dev/framework/usability/PublicErrno.html, reference §2.5); the
/// values from 90600 up are NeedToKnow's own. Every value is a row of the catalog's reason codes.
/// </summary>
public enum GateReason
{
    /// <summary>0: no reason, the call is allowed.</summary>
    None = 0,

    /// <summary>102 "jsapi has no permission": the admission is missing or the developer entity may not use the key.</summary>
    NoPermission = 102,

    /// <summary>103 "jsapi user authorize denied": the user refused the scope; only a settings change re-enables it.</summary>
    ScopeDenied = 103,

    /// <summary>104 "privacy permission is not authorized": the user has not consented to the declaration item.</summary>
    PrivacyConsentMissing = 104,

    /// <summary>112 "api scope is not declared in the privacy agreement": the key is not in the live declaration.</summary>
    NotDeclared = 112,

    /// <summary>1025 "appid privacy api banned": the app is not live or its privacy APIs are banned by enforcement.</summary>
    PrivacyApiBanned = 1025,

    /// <summary>90601: the API needs a user gesture (a tap) and the request carries none (reference §0, §2.6).</summary>
    GestureMissing = 90601,

    /// <summary>90602: the declaration or consent store is unavailable or staler than allowed; the gate fails closed.</summary>
    StoreUnavailable = 90602,

    /// <summary>90603: the gate met an unexpected error and failed closed; the error is recorded in the decision.</summary>
    InternalError = 90603,
}
