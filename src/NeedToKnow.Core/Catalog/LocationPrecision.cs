namespace NeedToKnow.Core.Catalog;

/// <summary>Whether a location API yields a precise or a fuzzy position.</summary>
/// <remarks>
/// WeChat: fuzzy and precise location are mutually exclusive in <c>requiredPrivateInfos</c>
/// (https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#requiredPrivateInfos).
/// </remarks>
public enum LocationPrecision
{
    /// <summary>Not a location API, or the user picks the place.</summary>
    None,

    /// <summary>The device's precise position (whereabouts: PIPL Art. 28).</summary>
    Precise,

    /// <summary>An approximate position (WeChat: about 1.5 km blur).</summary>
    Fuzzy,
}
