using NeedToKnow.Links.Tests.Conformance;

namespace NeedToKnow.Links.Tests.Idna;

/// <summary>The IdnaTestV2 cases this implementation is known to get wrong, and why (STYLE.md H12).</summary>
internal static class IdnaExclusions
{
    public static readonly Exclusion[] All =
    [
    ];
}
