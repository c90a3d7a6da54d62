namespace NeedToKnow.Core.Catalog;

/// <summary>Which part of NeedToKnow emits a <see cref="ReasonCode"/>.</summary>
public enum ReasonArea
{
    /// <summary>The runtime gate's decisions.</summary>
    Gate,

    /// <summary>Privacy declaration parsing and validation (<c>NTK-DECL-*</c>).</summary>
    Declaration,

    /// <summary>Catalog loading (<c>NTK-CAT-*</c>).</summary>
    Catalog,

    /// <summary>Package review findings.</summary>
    Review,

    /// <summary>Link policy.</summary>
    Link,
}
