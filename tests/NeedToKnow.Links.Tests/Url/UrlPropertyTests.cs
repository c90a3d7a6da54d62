using System.Diagnostics;
using System.Text;
using FsCheck.Xunit;
using NeedToKnow.Links.Url;

namespace NeedToKnow.Links.Tests.Url;

/// <summary>
/// Properties over arbitrary input (FsCheck) and over seeded URL-shaped input: parsing never throws, ends in bounded
/// time, and the serialization of a parsed URL parses back to the same URL (parse(serialize(url)) == url).
/// </summary>
public sealed class UrlPropertyTests
{
    private static readonly string[] Pieces =
    [
        "http", "https", "HTTPS", "file", "ws", "wss", "ftp", "blob:", "data:", "mailto:", "javascript:", "sc", "a+b-c.d",
        ":", "//", "/", "\\", "@", ":@", "user", "pass", "[", "]", "::1", "1.2.3.4", "0x7f.1", "09", "%", "%2e", "%2E.",
        "%41", "%zz", ".", "..", "./", "../", "?", "#", "&", "=", " ", "\t", "\n", "\u0000", "\u001f", "\u007f", "C:", "c|",
        "localhost", "example.com", "xn--", "xn--fiqs8s", "bücher", "例子", "\u0627\u0644", "\u05d0", "\u200c", "\u200d",
        "ß", "ς", "\u00ad", "Ｇｏ", "。", "\ud83d\ude00", "\ud800", "\udc00", "\ufffd", "80", "65536", "0", "~", "^", "|",
    ];

    [Property(MaxTest = 500)]
    public bool AnyString_ParsesOrFails_WithoutThrowing(string? input)
    {
        var result = WhatwgUrl.Parse(input ?? string.Empty);
        return result.Success ? result.Url!.Href.Length > 0 : result.Error != UrlParseError.None;
    }

    [Property(MaxTest = 500)]
    public bool AnyString_ParsedAgainstBase_RoundTrips(string? input)
    {
        var baseUrl = WhatwgUrl.Parse("https://user:pw@example.com:8080/a/b/c?q#f").GetUrlOrThrow();
        var result = WhatwgUrl.Parse(input ?? string.Empty, baseUrl);
        return !result.Success || RoundTrips(result.Url!) is null;
    }

    [Fact]
    public void SeededUrlShapedInput_RoundTrips()
    {
        var random = new Random(20261129);
        var failures = new List<string>();
        var parsed = 0;
        var bases = new[] { null, "https://example.com/dir/file?x#y", "file:///C:/dir/file", "sc://host/p", "data:text/plain,abc" };
        for (var i = 0; i < 20000; i++)
        {
            var input = Compose(random, random.Next(1, 12));
            var baseText = bases[random.Next(bases.Length)];
            var result = WhatwgUrl.Parse(input, baseText);
            if (!result.Success)
            {
                continue;
            }

            parsed++;
            var problem = RoundTrips(result.Url!);
            if (problem is not null)
            {
                failures.Add(problem);
            }
        }

        Assert.True(parsed > 5000, $"only {parsed} of 20000 inputs parsed: the generator is too weak");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public void LongInputs_UpToOneMebibyte_FinishInBoundedTime()
    {
        var random = new Random(7);
        foreach (var length in new[] { 1000, 100_000, UrlLimits.MaxInputLength })
        {
            var builder = new StringBuilder("https://");
            while (builder.Length < length)
            {
                builder.Append(Pieces[random.Next(Pieces.Length)]);
            }

            var input = builder.ToString(0, length);
            var stopwatch = Stopwatch.StartNew();
            var result = WhatwgUrl.Parse(input);
            stopwatch.Stop();
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"{length} chars took {stopwatch.Elapsed}");
            Assert.True(result.Success || result.Error != UrlParseError.None);
        }

        // Worst cases for the host and path states: a 1 MiB host and 1 MiB of dot segments.
        var host = "https://" + new string('a', UrlLimits.MaxInputLength - 9) + "/";
        Assert.True(WhatwgUrl.Parse(host).Success);
        var dots = "https://h/" + string.Concat(Enumerable.Repeat("../", (UrlLimits.MaxInputLength - 10) / 3));
        Assert.Equal("https://h/", WhatwgUrl.Parse(dots).GetUrlOrThrow().Href);
        var ats = "https://" + new string('@', UrlLimits.MaxInputLength - 20) + "h/";
        Assert.True(WhatwgUrl.Parse(ats).Success);
    }

    [Fact]
    public void InputLongerThanLimit_FailsWithLimitError()
    {
        var input = "https://example.com/" + new string('a', UrlLimits.MaxInputLength - 19);
        var result = WhatwgUrl.Parse(input);
        Assert.Equal(UrlParseError.InputTooLong, result.Error);
        Assert.Equal(UrlLimits.MaxInputLength, result.Limit);
        Assert.Equal(UrlLimits.MaxInputLength + 1, result.Observed);
        Assert.Equal($"url is longer than the limit of 1048576 characters (1048577)", result.Message);
        Assert.True(WhatwgUrl.Parse(input[..^1]).Success);
    }

    private static string Compose(Random random, int count)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            builder.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return builder.ToString();
    }

    private static string? RoundTrips(WhatwgUrl url)
    {
        var again = WhatwgUrl.Parse(url.Href);
        if (!again.Success)
        {
            return $"`{url.Href}` does not parse again: {again.Error}";
        }

        var b = again.Url!;
        var same = url.Equals(b) && url.Protocol == b.Protocol && url.Username == b.Username && url.Password == b.Password
            && url.Host == b.Host && url.Hostname == b.Hostname && url.Port == b.Port && url.Pathname == b.Pathname
            && url.Search == b.Search && url.Hash == b.Hash && url.HostKind == b.HostKind && url.HasOpaquePath == b.HasOpaquePath
            && url.Origin == b.Origin;
        return same ? null : $"`{url.Href}` parses again as `{b.Href}` with different components";
    }
}
