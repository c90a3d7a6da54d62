namespace NeedToKnow.Links.Policy;

/// <summary>What the host app does with a link (DESIGN.md glossary: link decision).</summary>
public enum LinkDecisionKind
{
    /// <summary>Open the link inside the app (in-app browser or web-view).</summary>
    OpenInApp,

    /// <summary>Do not open it; show the stop page that lets the user copy the link into a browser (WeChat's behaviour for rival and app-download links).</summary>
    CopyToBrowser,

    /// <summary>Do not open or offer it.</summary>
    Block,
}
