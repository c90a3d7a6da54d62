namespace NeedToKnow.Links.Idna;

/// <summary>
/// The flags of UTS #46 processing (https://www.unicode.org/reports/tr46/#Processing, §4 and §4.1).
/// </summary>
/// <param name="CheckHyphens">Reject <c>--</c> in positions 3–4 and a leading or trailing hyphen (V2, V3).</param>
/// <param name="CheckBidi">Apply the Bidi Rule of RFC 5893 §2 to a Bidi domain name (B1–B6).</param>
/// <param name="CheckJoiners">Apply the ContextJ rules of RFC 5892 Appendix A to ZWNJ and ZWJ (C1, C2).</param>
/// <param name="UseStd3AsciiRules">Allow only <c>a-z</c>, <c>0-9</c> and <c>-</c> among ASCII code points (STD 3).</param>
/// <param name="TransitionalProcessing">Map deviation characters (ß, ς, ZWJ, ZWNJ) as IDNA2003 did.</param>
/// <param name="VerifyDnsLength">ToASCII only: labels of 1–63 and a name of 1–253 octets (A4).</param>
/// <param name="IgnoreInvalidPunycode">Keep an <c>xn--</c> label whose Punycode does not decode instead of failing.</param>
public readonly record struct Uts46Options(
    bool CheckHyphens,
    bool CheckBidi,
    bool CheckJoiners,
    bool UseStd3AsciiRules,
    bool TransitionalProcessing,
    bool VerifyDnsLength,
    bool IgnoreInvalidPunycode = false)
{
    /// <summary>
    /// The options of the URL Standard's domain to ASCII with beStrict false
    /// (https://url.spec.whatwg.org/#concept-domain-to-ascii): CheckBidi and CheckJoiners on, everything else off.
    /// </summary>
    public static Uts46Options UrlStandard { get; } = new(false, true, true, false, false, false);
}
