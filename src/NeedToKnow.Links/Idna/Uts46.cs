using NeedToKnow.Links.Text;

namespace NeedToKnow.Links.Idna;

/// <summary>UTS #46 processing (placeholder until the tables land).</summary>
internal static partial class Uts46
{
    internal static bool ToAsciiForUrl(ReadOnlySpan<char> domain, CharBuffer output, CharBuffer scratch)
    {
        _ = domain;
        _ = output;
        _ = scratch;
        return false;
    }
}
