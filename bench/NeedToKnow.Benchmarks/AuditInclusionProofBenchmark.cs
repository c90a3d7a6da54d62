using BenchmarkDotNet.Attributes;
using NeedToKnow.Core.Audit.Merkle;

namespace NeedToKnow.Benchmarks;

/// <summary>
/// Inclusion proof for a random leaf of a 10,000,000-leaf tree, built from the stored nodes the proof server holds
/// (<see cref="MemoryMerkleNodes"/>, 64 bytes per leaf); and the offline verification of such a proof.
/// </summary>
[MemoryDiagnoser]
public class AuditInclusionProofBenchmark
{
    private MemoryMerkleNodes _nodes = new();
    private MerkleProofBuilder _builder = null!;
    private byte[] _root = [];
    private long[] _indexes = [];
    private byte[][] _proof = [];
    private byte[] _leaf = new byte[32];
    private int _next;

    [Params(10_000_000)]
    public int Leaves { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _nodes = new MemoryMerkleNodes();
        var range = new CompactRange();
        Span<byte> entry = stackalloc byte[100];
        Span<byte> leaf = stackalloc byte[32];
        for (var i = 0; i < Leaves; i++)
        {
            BitConverter.TryWriteBytes(entry, i);
            MerkleHasher.HashLeaf(entry, leaf);
            range.Append(leaf, _nodes);
        }

        _nodes.Publish(range.Size);
        _builder = new MerkleProofBuilder(_nodes);
        _root = range.Root();
        var random = new Random(42);
        _indexes = [.. Enumerable.Range(0, 1024).Select(_ => random.NextInt64(Leaves))];
        _proof = _builder.InclusionProof(_indexes[0], Leaves);
        _nodes.ReadNode(0, _indexes[0], _leaf);
    }

    [Benchmark(Description = "inclusion proof at 10M leaves")]
    public byte[][] Prove() => _builder.InclusionProof(_indexes[_next++ & 1023], Leaves);

    [Benchmark(Description = "verify an inclusion proof at 10M leaves")]
    public bool Verify() => MerkleVerifier.VerifyInclusion((ulong)_indexes[0], (ulong)Leaves, _leaf, _proof, _root).IsValid;
}
