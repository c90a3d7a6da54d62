using NeedToKnow.Links.Idna;
using NeedToKnow.Testing;

namespace NeedToKnow.Links.Tests.Idna;

/// <summary>The embedded mapping table equals IdnaMappingTable.txt (17.0.0) for every code point.</summary>
public sealed class MappingTableTests
{
    [Fact]
    public void EmbeddedTable_MatchesIdnaMappingTable_ForEveryCodePoint()
    {
        var path = RepoPaths.SharedFile("conformance", "unicode", "17.0.0", "IdnaMappingTable.txt");
        var checkedCount = 0;
        foreach (var line in File.ReadLines(path))
        {
            var data = line.Split('#')[0].Trim();
            if (data.Length == 0)
            {
                continue;
            }

            var fields = data.Split(';').Select(f => f.Trim()).ToArray();
            var range = fields[0].Split("..");
            var first = Convert.ToInt32(range[0], 16);
            var last = range.Length > 1 ? Convert.ToInt32(range[1], 16) : first;
            var status = fields[1] switch
            {
                "valid" => IdnaStatus.Valid,
                "mapped" => IdnaStatus.Mapped,
                "deviation" => IdnaStatus.Deviation,
                "disallowed" => IdnaStatus.Disallowed,
                "ignored" => IdnaStatus.Ignored,
                _ => throw new InvalidDataException(line),
            };
            var mapping = fields.Length > 2 && fields[1] is "mapped" or "deviation" && fields[2].Length > 0
                ? string.Concat(fields[2].Split(' ').Select(h => char.ConvertFromUtf32(Convert.ToInt32(h, 16))))
                : string.Empty;
            for (var cp = first; cp <= last; cp++)
            {
                var actual = UnicodeTables.Lookup(cp, out var actualMapping);
                Assert.True(actual == status, $"U+{cp:X4}: expected {status}, got {actual}");
                Assert.True(mapping == actualMapping.ToString(), $"U+{cp:X4}: mapping differs");
                checkedCount++;
            }
        }

        Assert.Equal(0x110000, checkedCount);
    }

    [Theory]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    [InlineData("例子.测试", "xn--fsqu00a.xn--0zwm56d")]
    [InlineData("FASS.de", "fass.de")]
    [InlineData("faß.de", "xn--fa-hia.de")]
    [InlineData("Ｇｏ.com", "go.com")]
    public void ToAscii_KnownDomains(string input, string expected)
    {
        var result = Uts46.ToAscii(input, Uts46Options.UrlStandard);
        Assert.Equal(Uts46Errors.None, result.Errors);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData("xn--bcher-kva.example", "bücher.example")]
    [InlineData("xn--fsqu00a.xn--0zwm56d", "例子.测试")]
    public void ToUnicode_KnownDomains(string input, string expected)
    {
        var result = Uts46.ToUnicode(input, Uts46Options.UrlStandard);
        Assert.Equal(Uts46Errors.None, result.Errors);
        Assert.Equal(expected, result.Value);
    }

    [Fact]
    public void ToAscii_InvalidPunycode_IsPunycodeError()
    {
        var result = Uts46.ToAscii("xn--0.example", Uts46Options.UrlStandard);
        Assert.Equal(Uts46Errors.Punycode, result.Errors);
    }

    [Fact]
    public void ToAscii_BidiRuleBroken_IsBidiError()
    {
        // A label starting with a Hebrew letter and ending with a Latin one breaks RFC 5893 §2 condition 2.
        var result = Uts46.ToAscii("\u05d0a.com", Uts46Options.UrlStandard);
        Assert.True(result.Errors.HasFlag(Uts46Errors.Bidi), result.Errors.ToString());
    }

    [Fact]
    public void ToAscii_LoneZwj_IsContextJError()
    {
        var result = Uts46.ToAscii("a\u200db.com", Uts46Options.UrlStandard);
        Assert.Equal(Uts46Errors.ContextJ, result.Errors);
    }
}
