namespace NeedToKnow.Review.Sites;

/// <summary>How a privacy site uses its API (corpus README, labels.json <c>kind</c>).</summary>
public enum SiteKind
{
    /// <summary>The API is called: <c>wx.getLocation({...})</c>, <c>ctx.moveToLocation()</c>.</summary>
    Call,

    /// <summary>The API is referenced without a call: a feature check or a function value passed on (<c>promisify(wx.chooseImage)</c>).</summary>
    Reference,

    /// <summary><c>wx.authorize({scope: 'scope.X'})</c> with a literal scope; the key comes from the scope.</summary>
    Authorize,

    /// <summary>A WXML component or attribute (<c>&lt;camera&gt;</c>, <c>open-type="getPhoneNumber"</c>).</summary>
    Component,
}
