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

    [Fact]
    public void SpanLookup_AgreesWithStringLookup_OnAsciiHosts()
    {
        // The allocation-free path composes per-character skeletons; it must agree with the full pipeline.
        var detector = new LookalikeDetector(["qq.com", "weixin.qq.com", "paypal.com", "google.com", "tencent.com", "microsoft.com", "example.com", "wikipedia.org", "github.com"]);
        var random = new Random(39);
        const string Letters = "abcdefghijklmnopqrstuvwxyz0123456789-._|";
        string[] seeds = ["paypa1.com", "rnicrosoft.com", "tencent.corn", "g00gle.com", "examp1e.com", "wikipedla.org", "glthub.com", "qq.com.", "a.b.qq.com", "exampie.com", "1.com", "..", "", "a..b.com", "x.github.io"];
        var hosts = new List<string>(seeds);
        for (var i = 0; i < 3000; i++)
        {
            var seed = seeds[random.Next(seeds.Length)].ToCharArray();
            if (seed.Length > 0)
            {
                seed[random.Next(seed.Length)] = Letters[random.Next(Letters.Length)];
            }

            hosts.Add(new string(seed));
        }

        var found = 0;
        foreach (var host in hosts)
        {
            var expected = detector.FindImitated(host);
            Assert.Equal(expected, detector.FindImitated(host.AsSpan()));
            found += expected is null ? 0 : 1;
        }

        Assert.InRange(found, 20, hosts.Count); // 32 with this seed
    }
}
