using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace NeedToKnow.Core;

/// <summary>
/// Software prefetch hints (x86 <c>PREFETCHT0</c>): ask the CPU to start loading a cache line that will be read soon,
/// so that the misses of independent lookups overlap. A hint only: it never faults, even on a stale address (an array
/// or object the GC has since moved), and does nothing on CPUs without SSE.
/// </summary>
internal static unsafe class Prefetcher
{
    /// <summary>Prefetches the cache line holding <paramref name="location"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Line<T>(ref T location)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref location));
        }
    }

    /// <summary>Prefetches the first cache line of an object, and the next <paramref name="extraLines"/> lines (0-3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Object(object? value, int extraLines = 0)
    {
        if (Sse.IsSupported && value is not null)
        {
            var p = (byte*)Unsafe.As<object, nint>(ref value);
            Sse.Prefetch0(p);
            if (extraLines > 0)
            {
                Sse.Prefetch0(p + 64);
                if (extraLines > 1)
                {
                    Sse.Prefetch0(p + 128);
                    if (extraLines > 2)
                    {
                        Sse.Prefetch0(p + 192);
                    }
                }
            }
        }
    }
}
