using BenchmarkDotNet.Attributes;
using NeedToKnow.Core.Audit;
using NeedToKnow.Core.Audit.Merkle;
using NeedToKnow.Core.Audit.Verification;

namespace NeedToKnow.Benchmarks;

/// <summary>
/// Whole-log verification as <c>ntk audit verify</c> does it, minus the database read: every row re-hashed, its
/// encoding and index checked, folded into the tree and compared with a signed tree head. One operation = one row.
/// </summary>
[MemoryDiagnoser]
public class AuditVerifyLogBenchmark
{
    private const int Rows = 500_000;
    private AuditLeaf[] _rows = [];
    private SignedTreeHead[] _heads = [];

    [GlobalSetup]
    public void Setup()
    {
        var range = new CompactRange();
        var time = DateTimeOffset.FromUnixTimeMilliseconds(1_764_400_000_000);
        _rows = new AuditLeaf[Rows];
        for (var i = 0; i < Rows; i++)
        {
            var entry = AuditEntryCodec.Encode(i, new AuditEntry(AuditEntryKind.Interception, time.AddSeconds(i), "wx" + (i % 5000), "Location", "112", new string('c', 64), "Declaration", "3", "wx.getLocation"));
            var leaf = MerkleHasher.HashLeaf(entry);
            range.Append(leaf);
            _rows[i] = new AuditLeaf(i, entry, leaf);
        }

        using var signer = TreeHeadSigner.Generate();
        _heads = [signer.Sign(Rows, time, range.Root())];
    }

    [Benchmark(Description = "verify a 500,000-entry log (per entry)", OperationsPerInvoke = Rows)]
    public bool VerifyAll() => AuditLogVerifier.Verify(_rows, _heads, null, null).Problems.Count == 0;
}
