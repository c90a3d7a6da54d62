using NeedToKnow.Links.PublicSuffix;

namespace NeedToKnow.Links.Tests.PublicSuffix;

public sealed class PublicSuffixListTests
{
    [Fact]
    public void Sections_are_kept_apart()
    {
        var list = PublicSuffixList.Default;
        Assert.Equal("user.github.io", list.GetRegistrableDomain("a.user.github.io"));
        Assert.Equal("github.io", list.GetRegistrableDomain("a.user.github.io", PublicSuffixSection.Icann));
        Assert.True(list.TryMatch("a.user.github.io", out var match));
        Assert.Equal(PublicSuffixSection.Private, match.Section);
        Assert.True(list.TryMatch("www.example.co.uk", out match));
        Assert.Equal(PublicSuffixSection.Icann, match.Section);
        Assert.Equal(4, match.RegistrableStart);
        Assert.True(list.IcannRuleCount > 6000);
        Assert.True(list.PrivateRuleCount > 3000);
    }

    [Fact]
    public void Default_rule_applies_to_an_unlisted_tld_and_a_trailing_dot_is_ignored()
    {
        Assert.True(PublicSuffixList.Default.TryMatch("www.example.notatld.", out var match));
        Assert.Equal(PublicSuffixSection.None, match.Section);
        Assert.Equal("example.notatld", PublicSuffixList.Default.GetRegistrableDomain("www.example.notatld."));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("a..com")]
    [InlineData(".example.com")]
    public void Malformed_hosts_have_no_match(string host)
    {
        Assert.False(PublicSuffixList.Default.TryMatch(host, out _));
        Assert.Null(PublicSuffixList.Default.GetRegistrableDomain(host));
    }

    [Fact]
    public void Over_long_host_has_no_match()
    {
        var host = string.Concat(Enumerable.Repeat("a.", PublicSuffixList.MaxHostLength / 2)) + "com";
        Assert.False(PublicSuffixList.Default.TryMatch(host, out _));
    }

    [Fact]
    public void Operator_list_replaces_the_embedded_one()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "// ===BEGIN ICANN DOMAINS===\nexample\n*.wild.example\n!keep.wild.example\n// ===BEGIN PRIVATE DOMAINS===\nhost.example\n");
            var list = PublicSuffixList.LoadFile(path);
            Assert.Equal(path, list.Source);
            Assert.Equal(3, list.IcannRuleCount);
            Assert.Equal(1, list.PrivateRuleCount);
            Assert.Equal("a.host.example", list.GetRegistrableDomain("b.a.host.example"));
            Assert.Equal("b.x.wild.example", list.GetRegistrableDomain("b.x.wild.example"));
            Assert.Equal("keep.wild.example", list.GetRegistrableDomain("a.keep.wild.example"));
            Assert.Equal("example.com", list.GetRegistrableDomain("www.example.com"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_list_without_rules_is_refused()
    {
        var ex = Assert.Throws<InvalidDataException>(() => PublicSuffixList.Load(new StringReader("// nothing\n"), "empty.dat"));
        Assert.Equal("the public suffix list `empty.dat` holds no rule", ex.Message);
    }
}
