using System.Text.Json;
using NeedToKnow.Testing;

namespace NeedToKnow.Core.Tests.Audit;

/// <summary>The transparency-dev/merkle test vectors in ../shared/conformance/merkle/testdata, read whole.</summary>
internal static class MerkleVectors
{
    public static readonly string[] Suites = ["inclusion", "consistency", "subtreeinclusion", "subtreeconsistency"];

    public static string Root => RepoPaths.SharedFile("conformance", "merkle", "testdata");

    /// <summary>Every case file of <paramref name="suite"/>, relative to testdata, sorted.</summary>
    public static IEnumerable<string> Files(string suite) =>
        Directory.EnumerateFiles(Path.Combine(Root, suite), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f))
            .Order(StringComparer.Ordinal);

    public static VectorCase Load(string relative)
    {
        var text = File.ReadAllText(Path.Combine(Root, relative));
        using var doc = JsonDocument.Parse(text);
        var e = doc.RootElement;
        var allowed = new HashSet<string> { "leafIdx", "treeSize", "root", "leafHash", "proof", "desc", "wantErr", "size1", "size2", "root1", "root2", "start", "end", "size" };
        foreach (var p in e.EnumerateObject())
        {
            if (!allowed.Contains(p.Name))
            {
                throw new InvalidDataException($"{relative}: unknown field `{p.Name}`");
            }
        }

        ulong U(string name) => e.TryGetProperty(name, out var v) ? v.GetUInt64() : 0;
        byte[] B(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? Convert.FromBase64String(v.GetString()!) : [];
        var proof = e.TryGetProperty("proof", out var pr) && pr.ValueKind == JsonValueKind.Array
            ? pr.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? Convert.FromBase64String(x.GetString()!) : []).ToArray()
            : [];
        return new VectorCase(
            relative.Split(Path.DirectorySeparatorChar)[0],
            relative,
            U("leafIdx"), U("treeSize"), B("root"), B("leafHash"),
            U("size1"), U("size2"), B("root1"), B("root2"),
            U("start"), U("end"), U("size"),
            proof,
            e.GetProperty("desc").GetString() ?? string.Empty,
            e.GetProperty("wantErr").GetBoolean());
    }
}

internal sealed record VectorCase(
    string Suite, string File,
    ulong LeafIdx, ulong TreeSize, byte[] Root, byte[] LeafHash,
    ulong Size1, ulong Size2, byte[] Root1, byte[] Root2,
    ulong Start, ulong End, ulong Size,
    byte[][] Proof, string Desc, bool WantErr);
