using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace NeedToKnow.Core.Audit.Merkle;

/// <summary>
/// SHA-256 (FIPS 180-4) of a one-byte prefix followed by up to two parts: the shape of every RFC 9162 §2.1.1 hash
/// (leaf: 0x00 ‖ entry; node: 0x01 ‖ left ‖ right).
/// </summary>
/// <remarks>
/// On Linux this calls OpenSSL's low-level <c>SHA256_Init</c> / <c>SHA256_Update</c> / <c>SHA256_Final</c> in
/// <c>libcrypto.so.3</c>: the same library and the same SHA-NI code that <see cref="SHA256"/> reaches, but without the
/// <c>EVP_Digest</c> set-up that .NET goes through on every call. On this project's machine that set-up costs about
/// 450 ns per call against about 85 ns for the two blocks of a node hash, and a log verification is nothing but such
/// calls (docs/audit.md). Elsewhere, or when the library or its symbols are missing, when OpenSSL runs in FIPS mode
/// (the low-level API bypasses the FIPS provider), or when the known-answer test below fails, it falls back to
/// <see cref="SHA256"/>; <see cref="IsNative"/> says which path is in use.
/// </remarks>
internal static unsafe class Sha256
{
    // OpenSSL's SHA256_CTX is 112 bytes (8 state words, 2 length words, a 64-byte block, 2 ints); room to spare.
    private const int ContextBytes = 256;

    private static readonly delegate* unmanaged[Cdecl]<byte*, int> Init;
    private static readonly delegate* unmanaged[Cdecl]<byte*, byte*, nuint, int> Update;
    private static readonly delegate* unmanaged[Cdecl]<byte*, byte*, int> Final;

#pragma warning disable CA1810 // the three pointers and the self-test belong together
    static Sha256()
#pragma warning restore CA1810
    {
        if (!OperatingSystem.IsLinux() || !TryLoadLibcrypto(out var library))
        {
            return;
        }

        // A FIPS-enforcing OpenSSL must keep every hash inside its validated provider, which the low-level API bypasses.
        if (NativeLibrary.TryGetExport(library, "EVP_default_properties_is_fips_enabled", out var fips)
            && ((delegate* unmanaged[Cdecl]<nint, int>)fips)(0) != 0)
        {
            return;
        }

        if (!NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
            || !NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
            || !NativeLibrary.TryGetExport(library, "SHA256_Final", out var final))
        {
            return;
        }

        Init = (delegate* unmanaged[Cdecl]<byte*, int>)init;
        Update = (delegate* unmanaged[Cdecl]<byte*, byte*, nuint, int>)update;
        Final = (delegate* unmanaged[Cdecl]<byte*, byte*, int>)final;
        IsNative = SelfTest();
        if (!IsNative)
        {
            Init = null;
            Update = null;
            Final = null;
        }
    }

    /// <summary>True when hashes are computed by libcrypto's low-level API; false when by the BCL.</summary>
    public static bool IsNative { get; }

    /// <summary>Writes SHA-256(<paramref name="prefix"/> ‖ <paramref name="first"/> ‖ <paramref name="second"/>) to <paramref name="destination"/>.</summary>
    /// <param name="prefix">The domain-separation byte.</param>
    /// <param name="first">The first part (may be empty).</param>
    /// <param name="second">The second part (may be empty).</param>
    /// <param name="destination">At least 32 bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 32 bytes.</exception>
    public static void Hash(byte prefix, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination)
    {
        if (destination.Length < MerkleHasher.HashSize)
        {
            throw new ArgumentException("a SHA-256 hash needs 32 bytes", nameof(destination));
        }

        if (Init is null)
        {
            Managed(prefix, first, second, destination);
            return;
        }

        var context = stackalloc byte[ContextBytes];
        var ok = true;
        fixed (byte* a = first)
        fixed (byte* b = second)
        fixed (byte* d = destination)
        {
            // Each call returns 1 on success; a failure (never seen) falls back to the BCL for this hash.
            ok &= Init(context) == 1;
            ok &= Update(context, &prefix, 1) == 1;
            if (first.Length > 0)
            {
                ok &= Update(context, a, (nuint)first.Length) == 1;
            }

            if (second.Length > 0)
            {
                ok &= Update(context, b, (nuint)second.Length) == 1;
            }

            ok &= Final(d, context) == 1;
        }

        if (!ok)
        {
            Managed(prefix, first, second, destination);
        }
    }

    private static bool TryLoadLibcrypto(out nint library)
    {
        foreach (var name in new[] { "libcrypto.so.3", "libcrypto.so.1.1" })
        {
            if (NativeLibrary.TryLoad(name, out library))
            {
                return true;
            }
        }

        library = 0;
        return false;
    }

    internal static void Managed(byte prefix, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination)
    {
        var length = 1 + first.Length + second.Length;
        if (length <= 1024)
        {
            // One BCL call over a stack copy: the shape of every node and of almost every leaf.
            Span<byte> buffer = stackalloc byte[length];
            buffer[0] = prefix;
            first.CopyTo(buffer[1..]);
            second.CopyTo(buffer[(1 + first.Length)..]);
            SHA256.HashData(buffer, destination);
            return;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([prefix]);
        hash.AppendData(first);
        hash.AppendData(second);
        hash.GetHashAndReset(destination);
    }

    // Known answers from the BCL for the empty tail and for tails that cross one and two block boundaries.
    private static bool SelfTest()
    {
        Span<byte> native = stackalloc byte[MerkleHasher.HashSize];
        Span<byte> managed = stackalloc byte[MerkleHasher.HashSize];
        var data = new byte[200];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (byte)(i * 7);
        }

        foreach (var (a, b) in new[] { (0, 0), (3, 0), (32, 32), (63, 0), (64, 55), (120, 80) })
        {
            Hash(0x01, data.AsSpan(0, a), data.AsSpan(a, b), native);
            Managed(0x01, data.AsSpan(0, a), data.AsSpan(a, b), managed);
            if (!native.SequenceEqual(managed))
            {
                return false;
            }
        }

        return true;
    }
}
