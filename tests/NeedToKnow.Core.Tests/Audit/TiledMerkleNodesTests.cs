using NeedToKnow.Core.Audit;
using NeedToKnow.Core.Audit.Merkle;

namespace NeedToKnow.Core.Tests.Audit;

/// <summary>
/// The tiled node store against the all-in-memory one: the same node at every level and index, the same proofs, while
/// completed tiles leave memory and are read back from the leaf hashes and checked against their roots.
/// </summary>
public class TiledMerkleNodesTests
{
    /// <summary>Leaf hashes "in the store": every read is counted; rows can be changed like a database's.</summary>
    private sealed class LeafArray : IMerkleLeafHashReader
    {
        public List<byte[]> Hashes { get; } = [];

        public int Reads { get; private set; }

        public void ReadLeafHashes(long from, int count, Span<byte> destination)
        {
            lock (Hashes)
            {
                Reads++;
                for (var i = 0; i < count; i++)
                {
                    var index = from + i;
                    AuditLeafHashes.Copy(index, index, index < Hashes.Count ? Hashes[(int)index] : [], destination[(i * 32)..]);
                }
            }
        }
    }

    private static byte[] Leaf(int i) => MerkleHasher.HashLeaf([(byte)i, (byte)(i >> 8), 7]);

    [Fact]
    public void Every_node_and_proof_equals_the_in_memory_tree_across_tile_boundaries()
    {
        var store = new LeafArray();
        var tiled = new TiledMerkleNodes(store);
        var memory = new MemoryMerkleNodes();
        var tiledRange = new CompactRange();
        var memoryRange = new CompactRange();
        var random = new Random(64);
        var size = 0;
        while (size < 700)
        {
            // Batches of 1-150 leaves, published only after the "commit" (the leaves are in the store).
            var batch = random.Next(1, 151);
            for (var i = 0; i < batch; i++)
            {
                var leaf = Leaf(size + i);
                tiledRange.Append(leaf, tiled);
                memoryRange.Append(leaf, memory);
                store.Hashes.Add(leaf);
            }

            size += batch;
            tiled.Publish(size);
            memory.Publish(size);
            Assert.True(tiled.OpenTileCount <= 1, $"{tiled.OpenTileCount} tiles in memory at size {size}");
            AssertSameNodes(memory, tiled, size);
        }

        var tiledProofs = new MerkleProofBuilder(tiled);
        var memoryProofs = new MerkleProofBuilder(memory);
        for (var index = 0; index < size; index += 7)
        {
            Assert.Equal(Hex(memoryProofs.InclusionProof(index, size)), Hex(tiledProofs.InclusionProof(index, size)));
            var earlier = (index * 3 % size) + 1;
            Assert.Equal(Hex(memoryProofs.ConsistencyProof(earlier, size)), Hex(tiledProofs.ConsistencyProof(earlier, size)));
            Assert.Equal(Convert.ToHexStringLower(memoryProofs.Root(earlier)), Convert.ToHexStringLower(tiledProofs.Root(earlier)));
        }

        Assert.True(store.Reads > 0, "completed tiles were read back from the store");
    }

    [Fact]
    public void Without_a_store_every_tile_stays_in_memory()
    {
        var tiled = new TiledMerkleNodes(null);
        var range = new CompactRange();
        for (var i = 0; i < 200; i++)
        {
            range.Append(Leaf(i), tiled);
        }

        tiled.Publish(200);
        Assert.Equal(4, tiled.OpenTileCount);
        Assert.Equal(Convert.ToHexStringLower(range.Root()), Convert.ToHexStringLower(new MerkleProofBuilder(tiled).Root(200)));
    }

    [Fact]
    public void A_stored_leaf_hash_changed_after_integration_is_named_not_served()
    {
        var store = new LeafArray();
        var tiled = new TiledMerkleNodes(store);
        var range = new CompactRange();
        for (var i = 0; i < 130; i++)
        {
            range.Append(Leaf(i), tiled);
            store.Hashes.Add(Leaf(i));
        }

        tiled.Publish(130);
        store.Hashes[70] = Leaf(9999);
        var proofs = new MerkleProofBuilder(tiled);
        var error = Assert.Throws<InvalidDataException>(() => proofs.InclusionProof(70, 130));
        Assert.Equal("the audit log's stored entries 64-127 no longer match the tree built from them: run `ntk audit verify`", error.Message);

        // The first tile is untouched and still proves; the open third tile is in memory.
        Assert.Equal(8, proofs.InclusionProof(3, 130).Length);
        Assert.Equal(2, proofs.InclusionProof(129, 130).Length);

        store.Hashes.RemoveRange(100, 30);
        var missing = Assert.Throws<InvalidDataException>(() => new MerkleProofBuilder(tiled).InclusionProof(100, 130));
        Assert.Contains("stored leaf hash of 0 bytes", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rolled_back_batch_is_overwritten_by_the_next()
    {
        var store = new LeafArray();
        var tiled = new TiledMerkleNodes(store);
        var range = new CompactRange();
        var reference = new CompactRange();
        for (var i = 0; i < 100; i++)
        {
            range.Append(Leaf(i), tiled);
            reference.Append(Leaf(i));
            store.Hashes.Add(Leaf(i));
        }

        tiled.Publish(100);
        var durable = range.Clone();

        // A batch of 40 whose commit failed: forgotten, then different leaves take its place.
        for (var i = 0; i < 40; i++)
        {
            range.Append(Leaf(5000 + i), tiled);
        }

        tiled.Truncate(100);
        range = durable;
        for (var i = 100; i < 170; i++)
        {
            range.Append(Leaf(i), tiled);
            reference.Append(Leaf(i));
            store.Hashes.Add(Leaf(i));
        }

        tiled.Publish(170);
        Assert.Equal(Convert.ToHexStringLower(reference.Root()), Convert.ToHexStringLower(new MerkleProofBuilder(tiled).Root(170)));
        Assert.True(MerkleVerifier.VerifyInclusion(120, 170, Leaf(120), new MerkleProofBuilder(tiled).InclusionProof(120, 170), reference.Root()).IsValid);
        Assert.Throws<InvalidOperationException>(() => tiled.Truncate(160));
    }

    [Fact]
    public async Task Readers_prove_published_leaves_while_the_writer_appends_and_drops_tiles()
    {
        var store = new LeafArray();
        var tiled = new TiledMerkleNodes(store);
        var range = new CompactRange();
        var roots = new System.Collections.Concurrent.ConcurrentDictionary<long, byte[]>();
        var done = 0;
        var proved = 0;
        var reader = Task.Run(() =>
        {
            var random = new Random(9);
            var builder = new MerkleProofBuilder(tiled);
            while (Volatile.Read(ref done) == 0)
            {
                var size = tiled.LeafCount;
                if (size == 0 || !roots.TryGetValue(size, out var root))
                {
                    continue;
                }

                var index = random.NextInt64(size);
                var proof = builder.InclusionProof(index, size);
                Assert.True(MerkleVerifier.VerifyInclusion((ulong)index, (ulong)size, Leaf((int)index), proof, root).IsValid);
                Interlocked.Increment(ref proved);
            }
        });

        for (var i = 0; i < 20_000; i++)
        {
            range.Append(Leaf(i), tiled);
            lock (store.Hashes)
            {
                store.Hashes.Add(Leaf(i));
            }

            if (i % 37 == 36)
            {
                roots[range.Size] = range.Root();
                tiled.Publish(range.Size);
            }

            if (i % 1000 == 999)
            {
                // Let the reader prove against this stretch of the tree before the writer moves on.
                var before = Volatile.Read(ref proved);
                SpinWait.SpinUntil(() => Volatile.Read(ref proved) > before + 20, TimeSpan.FromSeconds(10));
            }
        }

        Volatile.Write(ref done, 1);
        await reader;
        Assert.True(proved >= 400, $"{proved} proofs checked");
        Assert.True(tiled.OpenTileCount <= 1);
    }

    private static void AssertSameNodes(MemoryMerkleNodes expected, TiledMerkleNodes actual, long size)
    {
        Span<byte> a = stackalloc byte[32];
        Span<byte> b = stackalloc byte[32];
        for (var level = 0; (1L << level) <= size; level++)
        {
            for (long index = 0; (index + 1) << level <= size; index++)
            {
                expected.ReadNode(level, index, a);
                actual.ReadNode(level, index, b);
                Assert.True(a.SequenceEqual(b), $"node ({level}, {index}) differs at size {size}");
            }
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => actual.ReadNode(0, size, new byte[32]));
    }

    private static string Hex(IEnumerable<byte[]> hashes) => string.Join(' ', hashes.Select(Convert.ToHexStringLower));
}
