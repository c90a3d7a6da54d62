using System.Security.Cryptography;
using NeedToKnow.Core.Audit.Merkle;

namespace NeedToKnow.Core.Tests.Audit;

public sealed class Sha256Tests
{
    [Fact]
    public void On_linux_the_merkle_hashes_come_from_libcrypto()
    {
        // The test machines are Debian with libcrypto.so.3 (the BCL's own OpenSSL); a silent fallback would hide a slow path.
        Assert.Equal(OperatingSystem.IsLinux(), Sha256.IsNative);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(32, 32)]
    [InlineData(54, 0)]
    [InlineData(55, 0)]
    [InlineData(63, 0)]
    [InlineData(64, 64)]
    [InlineData(119, 1)]
    [InlineData(1000, 3000)]
    public void Every_length_hashes_as_the_bcl_does(int first, int second)
    {
        var data = RandomNumberGenerator.GetBytes(first + second);
        var expected = SHA256.HashData([0x01, .. data]);
        var actual = new byte[32];
        Sha256.Hash(0x01, data.AsSpan(0, first), data.AsSpan(first), actual);
        Assert.Equal(expected, actual);
        var fallback = new byte[32];
        Sha256.Managed(0x01, data.AsSpan(0, first), data.AsSpan(first), fallback);
        Assert.Equal(expected, fallback);
    }

    [Fact]
    public void A_node_hash_may_overwrite_its_left_child()
    {
        var left = RandomNumberGenerator.GetBytes(32);
        var right = RandomNumberGenerator.GetBytes(32);
        var expected = SHA256.HashData([0x01, .. left, .. right]);
        MerkleHasher.HashChildren(left, right, left);
        Assert.Equal(expected, left);
    }

    [Fact]
    public void A_short_destination_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Sha256.Hash(0x00, [1, 2, 3], default, new byte[31]));
        Assert.StartsWith("a SHA-256 hash needs 32 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rfc_9162_leaf_hash_of_the_empty_entry_is_the_known_value()
    {
        // SHA-256(0x00) = 6e340b9c... (the leaf hash of an empty entry in RFC 6962 / 9162 test vectors).
        Assert.Equal("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", Convert.ToHexStringLower(MerkleHasher.HashLeaf([])));
    }
}
