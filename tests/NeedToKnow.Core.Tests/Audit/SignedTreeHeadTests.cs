using System.Security.Cryptography;
using NeedToKnow.Core.Audit;

namespace NeedToKnow.Core.Tests.Audit;

public class SignedTreeHeadTests
{
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeMilliseconds(1_764_400_000_000);

    [Fact]
    public void Signed_bytes_have_the_documented_layout()
    {
        var root = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var bytes = SignedTreeHead.SignedBytes(258, Time, root);
        Assert.Equal(64, bytes.Length);
        Assert.Equal("ntk-audit-sth-v1"u8.ToArray(), bytes[..16]);
        Assert.Equal("0000000000000102", Convert.ToHexStringLower(bytes[16..24]));
        Assert.Equal(Convert.ToHexStringLower(BitConverter.GetBytes(1_764_400_000_000L).Reverse().ToArray()), Convert.ToHexStringLower(bytes[24..32]));
        Assert.Equal(root, bytes[32..]);
    }

    [Fact]
    public void A_signed_head_verifies_and_every_tamper_is_rejected()
    {
        using var signer = TreeHeadSigner.Generate();
        var head = signer.Sign(10, Time, new byte[32]);
        var key = signer.Verifier;
        Assert.True(key.Verify(head));
        var flipped = (byte[])head.RootHash.Clone();
        flipped[31] ^= 1;
        Assert.False(key.Verify(head with { RootHash = flipped }));
        foreach (var size in new long[] { 9, 11, 20, 5 })
        {
            Assert.False(key.Verify(head with { TreeSize = size }));
        }

        Assert.False(key.Verify(head with { Timestamp = Time.AddMilliseconds(1) }));
        var signature = (byte[])head.Signature.Clone();
        signature[0] ^= 0x80;
        Assert.False(key.Verify(head with { Signature = signature }));
        Assert.False(key.Verify(head with { Signature = head.Signature[..^1] }));
        Assert.False(key.Verify(head with { Signature = [.. head.Signature, 0] }));
        using var other = TreeHeadSigner.Generate();
        Assert.False(other.Verifier.Verify(head));
    }

    [Fact]
    public void Keys_load_from_PKCS8_and_SEC1_PEM_and_the_public_half_verifies()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var pkcs8 = TreeHeadSigner.FromPem(ec.ExportPkcs8PrivateKeyPem());
        using var sec1 = TreeHeadSigner.FromPem(ec.ExportECPrivateKeyPem());
        var head = pkcs8.Sign(1, Time, new byte[32]);
        Assert.True(sec1.Verifier.Verify(head));
        var verifier = TreeHeadVerifier.FromPem(ec.ExportSubjectPublicKeyInfoPem());
        Assert.True(verifier.Verify(head));
        Assert.Equal(pkcs8.Verifier.KeyId, verifier.KeyId);
        Assert.Equal(64, verifier.KeyId.Length);
    }

    [Fact]
    public void A_key_on_another_curve_is_rejected()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var e = Assert.Throws<ArgumentException>(() => TreeHeadSigner.FromPem(ec.ExportPkcs8PrivateKeyPem()));
        Assert.StartsWith("the audit signing key must be on P-256, not a 384-bit curve", e.Message);
    }

    [Fact]
    public void A_public_key_cannot_sign()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var e = Assert.Throws<ArgumentException>(() => TreeHeadSigner.FromPem(ec.ExportSubjectPublicKeyInfoPem()));
        Assert.StartsWith("the audit signing key", e.Message);
    }

    [Fact]
    public void Text_without_a_key_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => TreeHeadSigner.FromPem("not a key"));
        Assert.StartsWith("the audit signing key is not a PEM EC private key", e.Message);
    }

    [Fact]
    public void Json_round_trips_and_bad_json_is_an_error()
    {
        using var signer = TreeHeadSigner.Generate();
        var head = signer.Sign(5, Time, Enumerable.Repeat((byte)7, 32).ToArray());
        var json = SignedTreeHeadJson.Serialize(head);
        Assert.Contains("\"treeSize\": 5", json);
        Assert.True(SignedTreeHeadJson.TryParse(json, out var back, out var error), error);
        Assert.Equal(head.TreeSize, back!.TreeSize);
        Assert.Equal(head.RootHash, back.RootHash);
        Assert.True(signer.Verifier.Verify(back));
        Assert.False(SignedTreeHeadJson.TryParse("{\"treeSize\": 1}", out _, out error));
        Assert.StartsWith("not a signed tree head", error);
        Assert.False(SignedTreeHeadJson.TryParse(new string(' ', 5000), out _, out error));
        Assert.Equal("a signed tree head has at most 4096 characters, got 5000", error);
    }
}
