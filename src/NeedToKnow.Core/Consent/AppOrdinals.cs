using System.Collections.Concurrent;

namespace NeedToKnow.Core.Consent;

/// <summary>
/// A process-wide number per app id, so that the gate matches a user's cached consent states against the app it
/// already found in the declaration snapshot by comparing integers instead of strings. Append-only; about 80 bytes
/// per distinct app id.
/// </summary>
internal static class AppOrdinals
{
    private static readonly ConcurrentDictionary<string, int> Ordinals = new(StringComparer.Ordinal);
    private static int s_next;

    /// <summary>The ordinal of an app id already seen, without adding one (reads must not grow the table).</summary>
    public static bool TryGet(string appId, out int ordinal) => Ordinals.TryGetValue(appId, out ordinal);

    public static int Get(string appId)
    {
        if (Ordinals.TryGetValue(appId, out var ordinal))
        {
            return ordinal;
        }

        return Ordinals.GetOrAdd(appId, static _ => Interlocked.Increment(ref s_next));
    }
}
