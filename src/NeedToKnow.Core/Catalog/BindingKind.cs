namespace NeedToKnow.Core.Catalog;

/// <summary>What kind of code construct an <see cref="ApiBinding"/> matches.</summary>
public enum BindingKind
{
    /// <summary>A member of a platform namespace, e.g. <c>wx.getLocation</c>: matched on (platform, member).</summary>
    Function,

    /// <summary>A method on a context object, e.g. <c>MapContext.moveToLocation</c> on the result of <c>wx.createMapContext</c>.</summary>
    ContextMethod,

    /// <summary>A component tag, e.g. <c>&lt;camera&gt;</c>.</summary>
    Component,

    /// <summary>An attribute value on a tag, e.g. <c>&lt;button open-type="getPhoneNumber"&gt;</c>.</summary>
    Attribute,

    /// <summary>An authorization request with a literal scope, e.g. <c>wx.authorize({scope: 'scope.userLocation'})</c>.</summary>
    AuthorizeScope,
}
