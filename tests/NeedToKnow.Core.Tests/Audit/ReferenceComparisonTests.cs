using NeedToKnow.Core.Audit;
using NeedToKnow.Core.Audit.Merkle;
using Xunit.Abstractions;

namespace NeedToKnow.Core.Tests.Audit;

/// <summary>STYLE.md H14: the fast tree (compact range, stored nodes, proof builder) against the recursive reference, sizes 0-1000, seeded.</summary>
public class ReferenceComparisonTests(ITestOutputHelper output)
{
    [Fact]
    public void Roots_and_proofs_equal_the_reference_for_sizes_0_to_1000()
    {
        var random = new Random(6962);
        var entries = new List<byte[]>();
        for (var i = 0; i < 1000; i++)
        {
            var e = new byte[random.Next(0, 40)];
            random.NextBytes(e);
            entries.Add(e);
        }

        var nodes = new MemoryMerkleNodes();
        var range = new CompactRange();
        var builder = new MerkleProofBuilder(nodes);
        var checkedProofs = 0;
        for (var size = 0; size <= 1000; size++)
        {
            if (size > 0)
            {
                range.Append(MerkleHasher.HashLeaf(entries[size - 1]), nodes);
                nodes.Publish(size);
            }

            var prefix = entries[..size];
            var reference = ReferenceMerkle.Mth(prefix);
            Assert.Equal(Convert.ToHexStringLower(reference), Convert.ToHexStringLower(range.Root()));
            Assert.Equal(Convert.ToHexStringLower(reference), Convert.ToHexStringLower(builder.Root(size)));
            Assert.Equal(Convert.ToHexStringLower(reference), Convert.ToHexStringLower(CompactRange.FromBytes(range.ToBytes()).Root()));
            if (size == 0 || (size > 64 && random.Next(8) != 0))
            {
                continue;
            }

            for (var probe = 0; probe < 3; probe++)
            {
                var m = random.Next(size);
                var path = ReferenceMerkle.Path(m, prefix);
                var proof = builder.InclusionProof(m, size);
                Assert.Equal(Hex(path), Hex(proof));
                Assert.True(MerkleVerifier.VerifyInclusion((ulong)m, (ulong)size, ReferenceMerkle.Leaf(entries[m]), proof, reference).IsValid);
                var size1 = random.Next(1, size + 1);
                var consistency = builder.ConsistencyProof(size1, size);
                Assert.Equal(Hex(ReferenceMerkle.Proof(size1, prefix)), Hex(consistency));
                Assert.True(MerkleVerifier.VerifyConsistency((ulong)size1, (ulong)size, consistency, ReferenceMerkle.Mth(entries[..size1]), reference).IsValid);
                checkedProofs += 2;
            }
        }

        output.WriteLine($"sizes 0..1000 roots equal; {checkedProofs} proofs equal the reference");
        Assert.True(checkedProofs > 500);
    }

    private static string Hex(IEnumerable<byte[]> hashes) => string.Join(' ', hashes.Select(Convert.ToHexStringLower));

    [Fact]
    public void Every_leaf_and_every_earlier_size_of_small_trees_equal_the_reference()
    {
        var entries = Enumerable.Range(0, 70).Select(i => new byte[] { (byte)i, (byte)(i * 7) }).ToList();
        var nodes = new MemoryMerkleNodes();
        var range = new CompactRange();
        foreach (var e in entries)
        {
            range.Append(MerkleHasher.HashLeaf(e), nodes);
        }

        nodes.Publish(range.Size);
        var builder = new MerkleProofBuilder(nodes);
        for (var size = 1; size <= entries.Count; size++)
        {
            for (var m = 0; m < size; m++)
            {
                Assert.Equal(Hex(ReferenceMerkle.Path(m, entries[..size])), Hex(builder.InclusionProof(m, size)));
                Assert.Equal(Hex(ReferenceMerkle.Proof(m + 1, entries[..size])), Hex(builder.ConsistencyProof(m + 1, size)));
            }
        }
    }

    [Fact]
    public void Proof_builder_rejects_sizes_beyond_the_stored_leaves()
    {
        var nodes = new MemoryMerkleNodes();
        var range = new CompactRange();
        range.Append(MerkleHasher.HashLeaf([1]), nodes);
        nodes.Publish(1);
        var builder = new MerkleProofBuilder(nodes);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.InclusionProof(0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.InclusionProof(1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.ConsistencyProof(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Root(-1));
    }

    [Fact]
    public void Compact_range_rejects_a_malformed_encoding()
    {
        var range = new CompactRange();
        range.Append(new byte[32]);
        range.Append(new byte[32]);
        range.Append(new byte[32]);
        var bytes = range.ToBytes();
        Assert.Equal(8 + 64, bytes.Length);
        var error = Assert.Throws<FormatException>(() => CompactRange.FromBytes(bytes[..^1]));
        Assert.Equal("a compact range of size 3 has 72 bytes, not 71", error.Message);
        Assert.Throws<FormatException>(() => CompactRange.FromBytes(bytes[..4]));
    }
}
