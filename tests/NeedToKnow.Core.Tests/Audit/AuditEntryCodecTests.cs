using NeedToKnow.Core.Audit;

namespace NeedToKnow.Core.Tests.Audit;

public class AuditEntryCodecTests
{
    internal static readonly string User = new('a', 64);

    private static AuditEntry Sample => new(AuditEntryKind.Interception, DateTimeOffset.FromUnixTimeMilliseconds(1_764_400_000_123), "wx1234", "Location", "112", User, "", "1.0.3", "wx.getLocation");

    [Fact]
    public void Encoding_round_trips_and_carries_its_index()
    {
        var bytes = AuditEntryCodec.Encode(42, Sample);
        Assert.True(AuditEntryCodec.TryDecode(bytes, out var index, out var entry, out var error), error);
        Assert.Equal(42, index);
        Assert.Equal(Sample, entry);
        Assert.True(AuditEntryCodec.TryReadIndex(bytes, out var fast, out _));
        Assert.Equal(42, fast);
    }

    [Fact]
    public void Encoding_layout_is_fixed()
    {
        var bytes = AuditEntryCodec.Encode(1, new AuditEntry(AuditEntryKind.Consent, DateTimeOffset.FromUnixTimeMilliseconds(2), "a", "", "", "", "granted"));
        Assert.Equal("01" + "0000000000000001" + "03" + "0000000000000002" + "000161" + "0000" + "0000" + "0000" + "0000" + "0007" + Convert.ToHexStringLower("granted"u8) + "00", Convert.ToHexStringLower(bytes));
    }

    [Fact]
    public void A_field_over_the_limit_names_the_field_the_limit_and_the_value()
    {
        var e = Assert.Throws<ArgumentException>(() => AuditEntryCodec.Encode(0, Sample with { AppId = new string('x', 257) }));
        Assert.StartsWith("audit field `app` has 257 UTF-8 bytes, above the limit of 256", e.Message);
    }

    [Fact]
    public void A_user_hash_that_is_not_64_hex_digits_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => AuditEntryCodec.Encode(0, Sample with { UserHash = "alice" }));
        Assert.StartsWith("the user hash must be 64 hex digits, got 5 characters", e.Message);
    }

    [Fact]
    public void Unknown_kind_is_rejected_on_encode()
    {
        Assert.Throws<ArgumentException>(() => AuditEntryCodec.Encode(0, Sample with { Kind = (AuditEntryKind)9 }));
    }

    [Theory]
    [InlineData("truncated", "an entry has at least 18 bytes, got 10")]
    [InlineData("format", "unknown entry format 2")]
    [InlineData("kind", "unknown entry kind 9")]
    [InlineData("trailing", "the user hash length or the entry length is wrong")]
    [InlineData("utf8", "a field is not valid UTF-8")]
    [InlineData("field", "a field of 65535 bytes does not fit")]
    public void Bad_bytes_give_one_error_per_kind(string kind, string message)
    {
        var bytes = AuditEntryCodec.Encode(7, Sample);
        switch (kind)
        {
            case "truncated": bytes = bytes[..10]; break;
            case "format": bytes[0] = 2; break;
            case "kind": bytes[9] = 9; break;
            case "trailing": bytes = [.. bytes, 0]; break;
            case "utf8": bytes[20] = 0xff; break;
            case "field": bytes[18] = 0xff; bytes[19] = 0xff; break;
        }

        Assert.False(AuditEntryCodec.TryDecode(bytes, out _, out _, out var error));
        Assert.Equal(message, error);
        Assert.False(AuditEntryCodec.TryReadIndex(bytes, out _, out _));
    }

    [Fact]
    public void User_hasher_is_keyed_and_needs_a_long_secret()
    {
        var a = new AuditUserHasher(new byte[32]);
        var secret = new byte[32];
        secret[0] = 1;
        var b = new AuditUserHasher(secret);
        Assert.Equal(64, a.Hash("openid-1").Length);
        Assert.NotEqual(a.Hash("openid-1"), b.Hash("openid-1"));
        Assert.Equal(a.Hash("openid-1"), a.Hash("openid-1"));
        Assert.Equal("", a.Hash(""));
        var e = Assert.Throws<ArgumentException>(() => new AuditUserHasher(new byte[16]));
        Assert.StartsWith("the audit user secret has 16 bytes, below the minimum of 32", e.Message);
    }
}
