namespace NeedToKnow.Links.Homographs;

/// <summary>Whether a host may be shown in Unicode (after Chromium's <c>IDNSpoofChecker</c> verdicts kSafe, kUnsafe, kInvalid).</summary>
public enum IdnVerdict
{
    /// <summary>Every label may be shown in Unicode.</summary>
    Safe,

    /// <summary>At least one label is valid IDNA but could deceive; it is shown in Punycode.</summary>
    Unsafe,

    /// <summary>At least one label is not valid IDNA (bad Punycode, not normalized, Bidi rule broken); it is shown in Punycode.</summary>
    Invalid,
}
