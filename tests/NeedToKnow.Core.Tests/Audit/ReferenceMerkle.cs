using System.Security.Cryptography;

namespace NeedToKnow.Core.Tests.Audit;

/// <summary>
/// The slow, obvious RFC 9162 §2.1 definitions, written straight from the text with lists and recursion (STYLE.md
/// H14): MTH, PATH and PROOF/SUBPROOF. Independent of the production code: its own SHA-256 calls.
/// </summary>
internal static class ReferenceMerkle
{
    public static byte[] Leaf(byte[] entry) => SHA256.HashData([0x00, .. entry]);

    private static byte[] Node(byte[] l, byte[] r) => SHA256.HashData([0x01, .. l, .. r]);

    private static int K(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }

    /// <summary>MTH(D[n]) (§2.1.1).</summary>
    public static byte[] Mth(List<byte[]> d) => Mth(d, 0, d.Count);

    /// <summary>MTH(D[lo:hi]).</summary>
    private static byte[] Mth(List<byte[]> d, int lo, int hi)
    {
        var n = hi - lo;
        if (n == 0)
        {
            return SHA256.HashData([]);
        }

        if (n == 1)
        {
            return Leaf(d[lo]);
        }

        var k = K(n);
        return Node(Mth(d, lo, lo + k), Mth(d, lo + k, hi));
    }

    /// <summary>PATH(m, D[n]) (§2.1.3.1).</summary>
    public static List<byte[]> Path(int m, List<byte[]> d) => Path(m, d, 0, d.Count);

    private static List<byte[]> Path(int m, List<byte[]> d, int lo, int hi)
    {
        var n = hi - lo;
        if (n == 1)
        {
            return [];
        }

        var k = K(n);
        return m < k ? [.. Path(m, d, lo, lo + k), Mth(d, lo + k, hi)] : [.. Path(m - k, d, lo + k, hi), Mth(d, lo, lo + k)];
    }

    /// <summary>PROOF(m, D[n]) = SUBPROOF(m, D[n], true) (§2.1.4.1).</summary>
    public static List<byte[]> Proof(int m, List<byte[]> d) => SubProof(m, d, 0, d.Count, true);

    private static List<byte[]> SubProof(int m, List<byte[]> d, int lo, int hi, bool b)
    {
        var n = hi - lo;
        if (m == n)
        {
            return b ? [] : [Mth(d, lo, hi)];
        }

        var k = K(n);
        return m <= k ? [.. SubProof(m, d, lo, lo + k, b), Mth(d, lo + k, hi)] : [.. SubProof(m - k, d, lo + k, hi, false), Mth(d, lo, lo + k)];
    }
}
