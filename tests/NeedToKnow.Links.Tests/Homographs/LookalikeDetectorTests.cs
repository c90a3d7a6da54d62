using NeedToKnow.Links.Homographs;

namespace NeedToKnow.Links.Tests.Homographs;

public sealed class LookalikeDetectorTests
{
    private static readonly LookalikeDetector Detector = new(["qq.com", "weixin.qq.com", "paypal.com", "google.com"]);

    [Theory]
    [InlineData("xn--ggle-55da.com", "google.com")] // gооgle.com, Cyrillic о
    [InlineData("paypa1.com", "paypal.com")]
    [InlineData("www.xn--pypal-4ve.com", "paypal.com")] // pаypal.com, Cyrillic а
    [InlineData("xn--qq-3ja.com", null)] // qqé.com: no Latin twin
    [InlineData("mail.google.com", null)]
    [InlineData("example.com", null)]
    public void Finds_the_protected_domain_a_host_imitates(string host, string? imitated)
    {
        Assert.Equal(imitated, Detector.FindImitated(host));
    }

    [Fact]
    public void Skeleton_follows_uts39()
    {
        Assert.Equal(LookalikeDetector.Skeleton("paypal"), LookalikeDetector.Skeleton("раураl"));
        Assert.NotEqual(LookalikeDetector.Skeleton("paypal"), LookalikeDetector.Skeleton("paypol"));
    }

    [Fact]
    public void Subdomains_of_protected_domains_are_protected()
    {
        Assert.True(Detector.IsProtected("open.weixin.qq.com"));
        Assert.False(Detector.IsProtected("qq.com.evil.cn"));
    }
}
