namespace NeedToKnow.Review.Sites;

/// <summary>How a package reaches a privacy API at one <see cref="PrivacySite"/> (corpus README, "Counting rules").</summary>
public enum SiteKind
{
    /// <summary>A call, e.g. <c>wx.getLocation({...})</c> or <c>recorder.start()</c>.</summary>
    Call,

    /// <summary>The API used as a value without being called: <c>promisify(wx.chooseImage)</c>, <c>if (wx.getUserProfile)</c>.</summary>
    Reference,

    /// <summary><c>wx.authorize({scope: 'scope.X'})</c> with a literal scope; the key comes from the scope.</summary>
    Authorize,

    /// <summary>A WXML component or attribute, e.g. <c>&lt;camera&gt;</c>, <c>open-type="getPhoneNumber"</c>.</summary>
    Component,
}
