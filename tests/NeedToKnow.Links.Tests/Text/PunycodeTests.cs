using NeedToKnow.Links.Text;

namespace NeedToKnow.Links.Tests.Text;

/// <summary>The string form of Punycode over the one RFC 3492 implementation (<c>Idna/Rfc3492.cs</c>).</summary>
public sealed class PunycodeTests
{
    [Theory]
    [InlineData("bücher", "bcher-kva")]
    [InlineData("例子", "fsqu00a")]
    [InlineData("测试", "0zwm56d")]
    [InlineData("abc", "abc-")]
    [InlineData("\ud83d\ude00", "e28h")]
    public void Encodes_and_decodes_labels(string unicode, string ascii)
    {
        Assert.Equal(ascii, Punycode.Encode(unicode));
        Assert.Equal(unicode, Punycode.Decode(ascii));
    }

    [Theory]
    [InlineData("-abc")]
    [InlineData("a-b!")]
    [InlineData("99999999999")]
    [InlineData("ü-abc")]
    public void Invalid_punycode_decodes_to_null(string ascii) => Assert.Null(Punycode.Decode(ascii));
}
