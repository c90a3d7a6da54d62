namespace NeedToKnow.Links.Url;

/// <summary>
/// The percent-encode sets of https://url.spec.whatwg.org/#percent-encoded-bytes, as bit masks over ASCII; every
/// set also holds all code points above U+007E (they are UTF-8 encoded and every byte percent-encoded).
/// </summary>
internal enum PercentEncodeSet : byte
{
    /// <summary>https://url.spec.whatwg.org/#c0-control-percent-encode-set: C0 controls and above U+007E.</summary>
    C0Control,

    /// <summary>https://url.spec.whatwg.org/#fragment-percent-encode-set: C0 control set and space " &lt; &gt; `.</summary>
    Fragment,

    /// <summary>https://url.spec.whatwg.org/#query-percent-encode-set: C0 control set and space " # &lt; &gt;.</summary>
    Query,

    /// <summary>https://url.spec.whatwg.org/#special-query-percent-encode-set: the query set and '.</summary>
    SpecialQuery,

    /// <summary>https://url.spec.whatwg.org/#path-percent-encode-set: the query set and ? ^ ` { }.</summary>
    Path,

    /// <summary>https://url.spec.whatwg.org/#userinfo-percent-encode-set: the path set and / : ; = @ [ \ ] | .</summary>
    Userinfo,

    /// <summary>https://url.spec.whatwg.org/#component-percent-encode-set: the userinfo set and $ % &amp; + ,.</summary>
    Component,
}
