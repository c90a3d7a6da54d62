using NeedToKnow.Core.Audit;
using NeedToKnow.Core.Audit.Merkle;
using Xunit.Abstractions;

namespace NeedToKnow.Core.Tests.Audit;

/// <summary>
/// STYLE.md H15: each happy vector, and proofs of our own logs, mutated systematically (bit flip, swapped roots,
/// truncated proof, leading and trailing garbage, size and index ±1, ×2, ÷2); every mutation must be rejected.
/// </summary>
public class TamperTests(ITestOutputHelper output)
{
    private static byte[] Flip(byte[] b, int bit = 0)
    {
        var c = (byte[])b.Clone();
        if (c.Length > 0)
        {
            c[bit / 8 % c.Length] ^= (byte)(1 << (bit % 8));
        }

        return c;
    }

    private static IEnumerable<(string Name, VectorCase Case)> Mutations(VectorCase c)
    {
        var garbage = new byte[32];
        garbage[0] = 0x5a;
        for (var i = 0; i < c.Proof.Length; i++)
        {
            var p = c.Proof.Select(x => x).ToArray();
            p[i] = Flip(p[i], 7 + (i * 8));
            yield return ($"bit flip in proof[{i}]", c with { Proof = p });
        }

        if (c.Proof.Length > 0)
        {
            yield return ("truncated proof", c with { Proof = c.Proof[..^1] });
            yield return ("first hash dropped", c with { Proof = c.Proof[1..] });
        }

        yield return ("leading garbage", c with { Proof = [garbage, .. c.Proof] });
        yield return ("trailing garbage", c with { Proof = [.. c.Proof, garbage] });
        if (c.Suite == "inclusion")
        {
            yield return ("root bit flip", c with { Root = Flip(c.Root, 3) });
            yield return ("leaf hash bit flip", c with { LeafHash = Flip(c.LeafHash, 200) });
            yield return ("swapped roots", c with { Root = c.LeafHash, LeafHash = c.Root });
            yield return ("root truncated", c with { Root = c.Root[..^1] });
            yield return ("root with trailing garbage", c with { Root = [.. c.Root, 0] });
            foreach (var (name, f) in SizeChanges)
            {
                yield return ($"size {name}", c with { TreeSize = f(c.TreeSize) });
                yield return ($"index {name}", c with { LeafIdx = f(c.LeafIdx) });
            }
        }
        else
        {
            yield return ("root2 bit flip", c with { Root2 = Flip(c.Root2, 3) });
            yield return ("root1 bit flip", c with { Root1 = Flip(c.Root1, 200) });
            yield return ("swapped roots", c with { Root1 = c.Root2, Root2 = c.Root1 });
            yield return ("root1 truncated", c with { Root1 = c.Root1[..^1] });
            yield return ("root2 with trailing garbage", c with { Root2 = [.. c.Root2, 0] });
            foreach (var (name, f) in SizeChanges)
            {
                yield return ($"size2 {name}", c with { Size2 = f(c.Size2) });
                yield return ($"size1 {name}", c with { Size1 = f(c.Size1) });
            }
        }
    }

    private static readonly (string Name, Func<ulong, ulong> Change)[] SizeChanges =
        [("+1", s => s + 1), ("-1", s => s - 1), ("×2", s => s * 2), ("÷2", s => s / 2)];

    /// <summary>
    /// A size change the bare verifier cannot see: the verifier's computation depends on the size only through the
    /// split of the path at the leaf (or at size1 - 1), so a size with the same split gives the same root. Only the
    /// signed tree head commits to the size; <see cref="Every_mutation_of_our_own_proofs_is_rejected"/> checks that.
    /// </summary>
    private static bool SameShape(VectorCase c, VectorCase m) => c.Suite == "inclusion"
        ? m.LeafIdx == c.LeafIdx && m.TreeSize != c.TreeSize && m.TreeSize > m.LeafIdx && MerkleVerifier.DecomposeInclusion(c.LeafIdx, c.TreeSize) == MerkleVerifier.DecomposeInclusion(m.LeafIdx, m.TreeSize)
        : m.Size1 == c.Size1 && m.Size2 != c.Size2 && m.Size2 > m.Size1 && c.Size2 > c.Size1 && MerkleVerifier.DecomposeInclusion(c.Size1 - 1, c.Size2) == MerkleVerifier.DecomposeInclusion(m.Size1 - 1, m.Size2);

    private static bool SameInput(VectorCase a, VectorCase b) =>
        a.LeafIdx == b.LeafIdx && a.TreeSize == b.TreeSize && a.Size1 == b.Size1 && a.Size2 == b.Size2 && a.Start == b.Start && a.End == b.End && a.Size == b.Size
        && a.Root.AsSpan().SequenceEqual(b.Root) && a.LeafHash.AsSpan().SequenceEqual(b.LeafHash) && a.Root1.AsSpan().SequenceEqual(b.Root1) && a.Root2.AsSpan().SequenceEqual(b.Root2)
        && a.Proof.Length == b.Proof.Length && a.Proof.Zip(b.Proof).All(p => p.First.AsSpan().SequenceEqual(p.Second));

    [Fact]
    public void Every_mutation_of_every_happy_vector_is_rejected()
    {
        var total = 0;
        var detected = 0;
        var sizeOnly = 0;
        var missed = new List<string>();
        foreach (var suite in new[] { "inclusion", "consistency" })
        {
            foreach (var file in MerkleVectors.Files(suite))
            {
                var c = MerkleVectors.Load(file);
                if (c.WantErr)
                {
                    continue;
                }

                Assert.True(MerkleConformanceTests.Run(c).IsValid, file);
                foreach (var (name, m) in Mutations(c))
                {
                    if (SameInput(c, m))
                    {
                        continue;
                    }

                    if (SameShape(c, m) && MerkleConformanceTests.Run(m).IsValid)
                    {
                        sizeOnly++;
                        continue;
                    }

                    total++;
                    if (!MerkleConformanceTests.Run(m).IsValid)
                    {
                        detected++;
                    }
                    else
                    {
                        missed.Add($"{file}: {name}");
                    }
                }
            }
        }

        output.WriteLine($"vector tamper detected {detected}/{total} ({100.0 * detected / total:F1} %); {sizeOnly} size changes with the same path shape are left to the signed tree head");
        foreach (var m in missed)
        {
            output.WriteLine("missed: " + m);
        }

        Assert.True(total > 150, $"only {total} mutations");
        Assert.Empty(missed);
    }

    [Fact]
    public void Every_mutation_of_our_own_proofs_against_signed_heads_is_rejected()
    {
        var random = new Random(9162);
        using var signer = TreeHeadSigner.Generate();
        var key = signer.Verifier;
        var time = DateTimeOffset.FromUnixTimeMilliseconds(1_764_400_000_000);
        var nodes = new MemoryMerkleNodes();
        var range = new CompactRange();
        for (var i = 0; i < 300; i++)
        {
            range.Append(MerkleHasher.HashLeaf(BitConverter.GetBytes(i)), nodes);
        }

        nodes.Publish(range.Size);
        var builder = new MerkleProofBuilder(nodes);
        var total = 0;
        var detected = 0;
        var missed = new List<string>();
        void Expect(bool rejected, string what)
        {
            total++;
            if (rejected)
            {
                detected++;
            }
            else
            {
                missed.Add(what);
            }
        }

        for (var round = 0; round < 60; round++)
        {
            var size = random.Next(2, 301);
            var index = random.Next(size);
            var size1 = random.Next(1, size);
            var head = signer.Sign(size, time, builder.Root(size));
            var older = signer.Sign(size1, time, builder.Root(size1));
            var leaf = new byte[32];
            nodes.ReadNode(0, index, leaf);
            var inclusion = new InclusionProof(index, size, leaf, builder.InclusionProof(index, size));
            var consistency = new ConsistencyProof(size1, size, builder.ConsistencyProof(size1, size));
            Assert.True(AuditProofVerifier.VerifyInclusion([], inclusion, head, key).IsValid);
            Assert.True(AuditProofVerifier.VerifyConsistency(consistency, older, head, key).IsValid);
            var at = $"size {size} index {index} size1 {size1}";

            bool Inclusion(InclusionProof p, SignedTreeHead h) => !AuditProofVerifier.VerifyInclusion([], p, h, key).IsValid;
            bool Consistency(ConsistencyProof p, SignedTreeHead o, SignedTreeHead n) => !AuditProofVerifier.VerifyConsistency(p, o, n, key).IsValid;

            for (var i = 0; i < inclusion.Hashes.Length; i++)
            {
                var hashes = (byte[][])inclusion.Hashes.Clone();
                hashes[i] = Flip(hashes[i], 13);
                Expect(Inclusion(inclusion with { Hashes = hashes }, head), $"{at}: inclusion bit flip {i}");
            }

            for (var i = 0; i < consistency.Hashes.Length; i++)
            {
                var hashes = (byte[][])consistency.Hashes.Clone();
                hashes[i] = Flip(hashes[i], 13);
                Expect(Consistency(consistency with { Hashes = hashes }, older, head), $"{at}: consistency bit flip {i}");
            }

            var garbage = Enumerable.Repeat((byte)0x5a, 32).ToArray();
            Expect(Inclusion(inclusion with { Hashes = inclusion.Hashes[..^1] }, head) || inclusion.Hashes.Length == 0, $"{at}: inclusion truncated");
            Expect(Inclusion(inclusion with { Hashes = [garbage, .. inclusion.Hashes] }, head), $"{at}: inclusion leading garbage");
            Expect(Inclusion(inclusion with { Hashes = [.. inclusion.Hashes, garbage] }, head), $"{at}: inclusion trailing garbage");
            Expect(Consistency(consistency with { Hashes = consistency.Hashes[..^1] }, older, head), $"{at}: consistency truncated");
            Expect(Consistency(consistency with { Hashes = [garbage, .. consistency.Hashes] }, older, head), $"{at}: consistency leading garbage");
            Expect(Consistency(consistency with { Hashes = [.. consistency.Hashes, garbage] }, older, head), $"{at}: consistency trailing garbage");
            Expect(Inclusion(inclusion with { LeafHash = Flip(leaf, 77) }, head), $"{at}: leaf bit flip");
            Expect(Inclusion(inclusion, head with { RootHash = Flip(head.RootHash, 5) }), $"{at}: root bit flip");
            Expect(Inclusion(inclusion, head with { Signature = Flip(head.Signature, 9) }), $"{at}: signature bit flip");
            Expect(Consistency(consistency, head, older), $"{at}: swapped heads");
            Expect(Consistency(consistency, older with { RootHash = head.RootHash }, head with { RootHash = older.RootHash }), $"{at}: swapped roots");
            foreach (var (name, f) in SizeChanges)
            {
                var changed = (long)f((ulong)size);
                var changedIndex = (long)f((ulong)index);
                if (changed != size)
                {
                    // The attacker changes the claimed size in the proof, in the head, or in both (without the key).
                    Expect(Inclusion(inclusion with { TreeSize = changed }, head), $"{at}: proof size {name}");
                    Expect(Inclusion(inclusion with { TreeSize = changed }, head with { TreeSize = changed }), $"{at}: proof and head size {name}");
                    Expect(Consistency(consistency with { Size2 = changed }, older, head with { TreeSize = changed }), $"{at}: consistency size2 {name}");
                }

                if (changedIndex != index)
                {
                    Expect(Inclusion(inclusion with { LeafIndex = changedIndex }, head), $"{at}: index {name}");
                }
            }
        }

        output.WriteLine($"signed-proof tamper detected {detected}/{total} ({100.0 * detected / total:F1} %)");
        foreach (var m in missed.Take(30))
        {
            output.WriteLine("missed: " + m);
        }

        Assert.Empty(missed);
        Assert.Equal(total, detected);
    }
}
