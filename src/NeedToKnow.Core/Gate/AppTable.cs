using System.Diagnostics.CodeAnalysis;
using NeedToKnow.Core.Consent;

namespace NeedToKnow.Core.Gate;

/// <summary>
/// The apps of a <see cref="DeclarationSnapshot"/>: one flat open-addressing table of 16-byte slots (64-bit seeded
/// hash of the app id, <see cref="AppEntry"/>), at most half full. A lookup hashes the id, reads one slot (one cache
/// line, usually the only probe) and then the entry, whose id string was allocated beside it; the id is compared
/// before the entry is trusted, so a hash collision never returns another app. Immutable once built, so readers need
/// no synchronization (a snapshot change builds a new table).
/// </summary>
internal sealed class AppTable
{
    private readonly Slot[] _slots;

    /// <summary>Builds the table from apps with distinct ids.</summary>
    /// <param name="apps">The apps; their ids must be distinct (the snapshot deduplicates them first).</param>
    /// <exception cref="ArgumentException">Two apps have the same id.</exception>
    public AppTable(IReadOnlyCollection<AppEntry> apps)
    {
        _slots = new Slot[CapacityFor(apps.Count)];
        var mask = _slots.Length - 1;
        foreach (var app in apps)
        {
            var i = (int)(app.Hash & (uint)mask);
            while (_slots[i].App is { } other)
            {
                if (other.Hash == app.Hash && string.Equals(other.AppId, app.AppId, StringComparison.Ordinal))
                {
                    throw new ArgumentException("app `" + app.AppId + "` appears twice in the app table", nameof(apps));
                }

                i = (i + 1) & mask;
            }

            _slots[i] = new Slot(app.Hash, app);
        }

        Count = apps.Count;
    }

    /// <summary>The number of apps.</summary>
    public int Count { get; }

    /// <summary>The number of slots (a power of two, at least twice <see cref="Count"/>).</summary>
    internal int Capacity => _slots.Length;

    /// <summary>Every app, in slot order.</summary>
    public IEnumerable<AppEntry> Apps
    {
        get
        {
            foreach (var s in _slots)
            {
                if (s.App is { } app)
                {
                    yield return app;
                }
            }
        }
    }

    /// <summary>Finds an app by id; <paramref name="hash"/> is <see cref="ConsentCache.HashId"/> of the id.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="appId"/> is null.</exception>
    public bool TryGet(string appId, ulong hash, [NotNullWhen(true)] out AppEntry? app)
    {
        ArgumentNullException.ThrowIfNull(appId);
        var slots = _slots;
        var mask = slots.Length - 1;
        for (var i = (int)(hash & (uint)mask); ; i = (i + 1) & mask)
        {
            ref readonly var s = ref slots[i];
            var a = s.App;
            if (a is null)
            {
                app = null;
                return false;
            }

            if (s.Hash == hash && (ReferenceEquals(a.AppId, appId) || string.Equals(a.AppId, appId, StringComparison.Ordinal)))
            {
                app = a;
                return true;
            }
        }
    }

    /// <summary>Asks the CPU to fetch the first slot probed for <paramref name="hash"/> (a hint; never faults).</summary>
    public void Prefetch(ulong hash)
    {
        var slots = _slots;
        Prefetcher.Line(ref slots[(int)(hash & (uint)(slots.Length - 1))]);
    }

    /// <summary>The app in the first slot probed for <paramref name="hash"/>, unverified: a read ahead for batches, not an answer.</summary>
    public AppEntry? Peek(ulong hash)
    {
        var slots = _slots;
        return slots[(int)(hash & (uint)(slots.Length - 1))].App;
    }

    private static int CapacityFor(int apps)
    {
        // Load factor at most 1/2: linear probes stay short and most lookups read one slot.
        var want = Math.Max(16L, 2L * apps);
        if (want > 1 << 30)
        {
            throw new InvalidOperationException("a declaration snapshot holds at most 536,870,912 apps");
        }

        return (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)want);
    }

    private readonly struct Slot(ulong hash, AppEntry app)
    {
        public readonly ulong Hash = hash;
        public readonly AppEntry? App = app;
    }
}
