using NeedToKnow.Core.Audit.Merkle;
using Xunit.Abstractions;

namespace NeedToKnow.Core.Tests.Audit;

/// <summary>
/// STYLE.md H12/H15: every transparency-dev vector (inclusion, consistency and the subtree extensions), happy and
/// broken, goes through our verifier and must come out as its <c>wantErr</c> says; one theory row per file.
/// </summary>
public class MerkleConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var suite in MerkleVectors.Suites)
        {
            foreach (var file in MerkleVectors.Files(suite))
            {
                data.Add(file);
            }
        }

        return data;
    }

    internal static ProofVerification Run(VectorCase c) => c.Suite switch
    {
        "inclusion" => MerkleVerifier.VerifyInclusion(c.LeafIdx, c.TreeSize, c.LeafHash, c.Proof, c.Root),
        "consistency" => MerkleVerifier.VerifyConsistency(c.Size1, c.Size2, c.Proof, c.Root1, c.Root2),
        "subtreeinclusion" => MerkleVerifier.VerifySubtreeInclusion(c.LeafIdx, c.Start, c.End, c.LeafHash, c.Proof, c.Root),
        "subtreeconsistency" => MerkleVerifier.VerifySubtreeConsistency(c.Start, c.End, c.Size, c.Proof, c.Root1, c.Root2),
        _ => throw new InvalidDataException("unknown suite " + c.Suite),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Vector_comes_out_as_wantErr_says(string file)
    {
        var c = MerkleVectors.Load(file);
        var result = Run(c);
        Assert.True(result.IsValid == !c.WantErr, $"{file} ({c.Desc}): wantErr={c.WantErr}, got {(result.IsValid ? "valid" : result.Problem)}");
    }

    [Fact]
    public void Every_suite_passes_whole_and_reports_N_of_M()
    {
        var totalFiles = 0;
        var totalPassed = 0;
        var rejected = 0;
        var broken = 0;
        foreach (var suite in MerkleVectors.Suites)
        {
            var files = MerkleVectors.Files(suite).ToList();
            var passed = 0;
            foreach (var file in files)
            {
                var c = MerkleVectors.Load(file);
                var valid = Run(c).IsValid;
                passed += valid == !c.WantErr ? 1 : 0;
                broken += c.WantErr ? 1 : 0;
                rejected += c.WantErr && !valid ? 1 : 0;
            }

            output.WriteLine($"{suite} {passed}/{files.Count}");
            totalFiles += files.Count;
            totalPassed += passed;
        }

        output.WriteLine($"merkle vectors {totalPassed}/{totalFiles}, broken vectors rejected {rejected}/{broken}");
        Assert.Equal(518, totalFiles);
        Assert.Equal(totalFiles, totalPassed);
        Assert.Equal(broken, rejected);
    }
}
