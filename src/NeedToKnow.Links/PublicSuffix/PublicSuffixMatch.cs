namespace NeedToKnow.Links.PublicSuffix;

/// <summary>
/// Where the public suffix and the registrable domain start in a host, as offsets (UTF-16 code units) into the
/// host that was looked up, so that a lookup allocates nothing.
/// </summary>
/// <param name="SuffixStart">Offset of the public suffix (e.g. of <c>co.uk</c> in <c>www.example.co.uk</c>).</param>
/// <param name="RegistrableStart">Offset of the registrable domain (eTLD+1, e.g. <c>example.co.uk</c>), or -1 when the host is itself a public suffix.</param>
/// <param name="Section">The section of the rule that decided, or <see cref="PublicSuffixSection.None"/> for the default rule <c>*</c>.</param>
/// <param name="Length">Length of the host without a trailing dot; both spans end there.</param>
public readonly record struct PublicSuffixMatch(int SuffixStart, int RegistrableStart, PublicSuffixSection Section, int Length)
{
    /// <summary>True when the host has a registrable domain (it is not itself a public suffix).</summary>
    public bool HasRegistrableDomain => RegistrableStart >= 0;
}
