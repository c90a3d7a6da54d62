using NeedToKnow.Review.Sites;

namespace NeedToKnow.Review.Tests.Sites;

public class PrivacySiteTests
{
    [Fact]
    public void Site_kinds_are_the_four_kinds_of_the_corpus_labels()
    {
        var names = Enum.GetNames<SiteKind>().Select(n => n.ToLowerInvariant()).Order(StringComparer.Ordinal);
        Assert.Equal(["authorize", "call", "component", "reference"], names);
    }
}
