namespace NeedToKnow.Links.Idna;

/// <summary>
/// The errors UTS #46 processing records, grouped as in IdnaTestV2.txt's status codes
/// (https://www.unicode.org/reports/tr46/#Conformance_Testing).
/// </summary>
[Flags]
public enum Uts46Errors
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>P1/V7: a disallowed code point (or, in a decoded label, a code point that is not valid).</summary>
    Disallowed = 1 << 0,

    /// <summary>P4: an <c>xn--</c> label whose Punycode does not decode, holds non-ASCII, or decodes to ASCII only.</summary>
    Punycode = 1 << 1,

    /// <summary>V1: a decoded label not in NFC.</summary>
    NotNfc = 1 << 2,

    /// <summary>V2: <c>--</c> in the third and fourth positions (CheckHyphens).</summary>
    HyphenThirdFourth = 1 << 3,

    /// <summary>V3: a label starting or ending with <c>-</c> (CheckHyphens).</summary>
    LeadingOrTrailingHyphen = 1 << 4,

    /// <summary>V4: a label starting with <c>xn--</c> when CheckHyphens is off (after decoding).</summary>
    XnPrefix = 1 << 5,

    /// <summary>V5: a decoded label holding a FULL STOP.</summary>
    FullStop = 1 << 6,

    /// <summary>V6: a label starting with a combining mark.</summary>
    LeadingCombiningMark = 1 << 7,

    /// <summary>C1/C2: ZWNJ or ZWJ outside the contexts RFC 5892 Appendix A allows (CheckJoiners).</summary>
    ContextJ = 1 << 8,

    /// <summary>B1–B6: the Bidi Rule of RFC 5893 §2 is broken (CheckBidi).</summary>
    Bidi = 1 << 9,

    /// <summary>U1: an ASCII code point other than <c>a-z 0-9 -</c> (UseStd3AsciiRules).</summary>
    Std3 = 1 << 10,

    /// <summary>A3: Punycode encoding overflowed.</summary>
    PunycodeEncode = 1 << 11,

    /// <summary>A4: a label or the name is empty or too long (VerifyDnsLength).</summary>
    DnsLength = 1 << 12,
}
