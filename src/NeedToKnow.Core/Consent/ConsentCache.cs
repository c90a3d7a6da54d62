using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace NeedToKnow.Core.Consent;

/// <summary>
/// The node-local cache of current consent states that the gate reads: lock-free, allocation-free reads; writes
/// (folding a new event) replace the (user, app) entry atomically, so a withdrawal applied here is seen by the very
/// next decision on this node. Other nodes see it when they next follow the ledger (see <c>GateServiceOptions</c>:
/// staleness bound).
/// </summary>
/// <remarks>
/// Layout: one flat open-addressing table of 16-byte entries keyed by (hash of the user id, app ordinal), each
/// holding the state. The first entry probed depends only on the hashes of the user id and the app id, so the gate can
/// fetch it before it has found the app (batches prefetch it for requests further ahead). A lookup probes adjacent
/// entries (one cache line) and then checks the state's user id: about three dependent memory reads instead of the
/// five or six of a dictionary of per-user arrays.
/// Writers hold one lock; a reader sees either the old or the new state of an entry (the state reference is published
/// last) and a resized table is published whole. Memory per cached consent record is measured by
/// <c>GateScaleBenchmark</c> and stated in docs/gate.md.
/// </remarks>
public sealed class ConsentCache : IConsentView
{
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64() | 1;
    private readonly Lock _writeLock = new();
    private Table _table;
    private long _count;

    /// <summary>Creates an empty cache.</summary>
    /// <param name="expectedUsers">A capacity hint: the number of users expected.</param>
    public ConsentCache(int expectedUsers = 0)
    {
        _table = new Table(CapacityFor(Math.Max(0, (long)expectedUsers)));
    }

    /// <summary>The number of (user, app) states cached.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>The number of users cached (counted over the table: a diagnostic, not for hot paths).</summary>
    public int UserCount
    {
        get
        {
            lock (_writeLock)
            {
                var users = new HashSet<string>(StringComparer.Ordinal);
                foreach (ref readonly var e in _table.Entries.AsSpan())
                {
                    if (e.State is { } state)
                    {
                        users.Add(state.UserId);
                    }
                }

                return users.Count;
            }
        }
    }

    /// <inheritdoc/>
    public bool TryGet(string userId, string appId, [NotNullWhen(true)] out ConsentState? state)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(appId);
        if (AppOrdinals.TryGet(appId, out var ordinal))
        {
            return TryGet(userId, HashId(userId), ordinal, HashId(appId), out state);
        }

        state = null;
        return false;
    }

    /// <summary>Folds one event into the cached state of its user and app (idempotent: an event already folded in is skipped).</summary>
    /// <param name="consentEvent">The event.</param>
    /// <returns>The new state.</returns>
    /// <exception cref="ArgumentException">The event is malformed (see <see cref="ConsentProjection.Apply"/>).</exception>
    public ConsentState Apply(ConsentEvent consentEvent)
    {
        ArgumentNullException.ThrowIfNull(consentEvent);
        lock (_writeLock)
        {
            var current = TryGet(consentEvent.UserId, consentEvent.AppId, out var s) ? s : ConsentState.Empty(consentEvent.UserId, consentEvent.AppId);
            var next = ConsentProjection.Apply(current, consentEvent);
            if (!ReferenceEquals(next, current))
            {
                SetLocked(next);
            }

            return next;
        }
    }

    /// <summary>Puts a state in the cache, replacing the one for the same user and app (used to warm the cache from the store).</summary>
    /// <param name="state">The state.</param>
    public void Set(ConsentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_writeLock)
        {
            SetLocked(state);
        }
    }

    /// <summary>Removes every state (before a full reload).</summary>
    public void Clear()
    {
        lock (_writeLock)
        {
            Volatile.Write(ref _table, new Table(CapacityFor(0)));
            Interlocked.Exchange(ref _count, 0);
        }
    }

    /// <summary>Grows the table so that <paramref name="records"/> records fit without another resize.</summary>
    internal void EnsureCapacity(long records)
    {
        lock (_writeLock)
        {
            EnsureCapacityLocked(records);
        }
    }

    /// <summary>
    /// The gate's fast path: the user id hashed with <see cref="HashId"/>, the app given by its ordinal and its id's
    /// <see cref="HashId"/>, both already known from the declaration snapshot.
    /// </summary>
    internal bool TryGet(string userId, ulong userHash, int appOrdinal, ulong appHash, [NotNullWhen(true)] out ConsentState? state)
    {
        var table = Volatile.Read(ref _table);
        var entries = table.Entries;
        var mask = entries.Length - 1;
        var tag = (uint)userHash;
        for (var i = Slot(userHash, appHash, mask); ; i = (i + 1) & mask)
        {
            ref var e = ref entries[i];
            var s = Volatile.Read(ref e.State);
            if (s is null)
            {
                state = null;
                return false;
            }

            if (e.Tag == tag && e.AppOrdinal == appOrdinal && (ReferenceEquals(s.UserId, userId) || string.Equals(s.UserId, userId, StringComparison.Ordinal)))
            {
                state = s;
                return true;
            }
        }
    }

    /// <summary>The state in the first entry probed for (user, app), unverified: a read ahead, not an answer.</summary>
    internal ConsentState? Peek(ulong userHash, ulong appHash)
    {
        var entries = Volatile.Read(ref _table).Entries;
        return entries[Slot(userHash, appHash, entries.Length - 1)].State;
    }

    /// <summary>Asks the CPU to fetch the first entry probed for (user, app) (a hint; never faults).</summary>
    internal void Prefetch(ulong userHash, ulong appHash)
    {
        var entries = Volatile.Read(ref _table).Entries;
        Prefetcher.Line(ref entries[Slot(userHash, appHash, entries.Length - 1)]);
    }

    /// <summary>
    /// A seeded 64-bit hash of a user id or an app id (seeded per process, so crafted ids cannot pile onto one probe
    /// run); the declaration snapshot's app table uses it too.
    /// </summary>
    internal static ulong HashId(string id)
    {
        // Two independent lanes of 8 bytes each, so the multiply chains of a 28-character id run side by side.
        var bytes = MemoryMarshal.AsBytes(id.AsSpan());
        var a = Seed ^ ((ulong)bytes.Length * 0x9E3779B97F4A7C15);
        var b = Seed * 0xC2B2AE3D27D4EB4F;
        while (bytes.Length >= 16)
        {
            a = (a ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes)) * 0xFF51AFD7ED558CCD;
            b = (b ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..])) * 0xC4CEB9FE1A85EC53;
            a ^= a >> 32;
            b ^= b >> 29;
            bytes = bytes[16..];
        }

        if (bytes.Length >= 8)
        {
            a = (a ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes)) * 0xFF51AFD7ED558CCD;
            a ^= a >> 32;
            bytes = bytes[8..];
        }

        if (bytes.Length != 0)
        {
            ulong tail = 0;
            for (var i = 0; i < bytes.Length; i++)
            {
                tail |= (ulong)bytes[i] << (8 * i);
            }

            b = (b ^ tail) * 0xC4CEB9FE1A85EC53;
        }

        var h = a ^ (b * 0x9E3779B97F4A7C15) ^ (b >> 31);
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53;
        h ^= h >> 33;
        return h;
    }

    /// <summary>The first entry probed: the high half of the user hash mixed with the app hash (the low half is the entry's tag).</summary>
    private static int Slot(ulong userHash, ulong appHash, int mask) =>
        (int)(((userHash >> 32) ^ System.Numerics.BitOperations.RotateLeft(appHash, 23)) & (uint)mask);

    private static int CapacityFor(long records)
    {
        // Load factor at most 2/3 (linear probing stays short), 16 bytes per entry: 24 to 48 bytes of table per record.
        var want = Math.Max(16, records + (records / 2) + 1);
        if (want > 1 << 30)
        {
            throw new InvalidOperationException("the consent cache holds at most 715,827,882 records");
        }

        return (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)want);
    }

    private void EnsureCapacityLocked(long records)
    {
        var table = _table;
        if (records * 3 <= (long)table.Entries.Length * 2)
        {
            return;
        }

        var grown = new Table(CapacityFor(records));
        var mask = grown.Entries.Length - 1;
        foreach (ref readonly var e in table.Entries.AsSpan())
        {
            if (e.State is { } s)
            {
                var i = Slot(HashId(s.UserId), HashId(s.AppId), mask);
                while (grown.Entries[i].State is not null)
                {
                    i = (i + 1) & mask;
                }

                grown.Entries[i] = e;
            }
        }

        Volatile.Write(ref _table, grown);
    }

    private void SetLocked(ConsentState state)
    {
        var h = HashId(state.UserId);
        var ordinal = state.AppOrdinal;
        var tag = (uint)h;
        var entries = _table.Entries;
        var mask = entries.Length - 1;
        for (var i = Slot(h, HashId(state.AppId), mask); ; i = (i + 1) & mask)
        {
            ref var e = ref entries[i];
            var s = e.State;
            if (s is null)
            {
                if ((Count + 1) * 3 > (long)entries.Length * 2)
                {
                    EnsureCapacityLocked(Math.Max(Count + 1, Count * 2));
                    SetLocked(state);
                    return;
                }

                e.Tag = tag;
                e.AppOrdinal = ordinal;
                Volatile.Write(ref e.State, state); // published last: a reader that sees the state sees its key
                Interlocked.Increment(ref _count);
                return;
            }

            if (e.Tag == tag && e.AppOrdinal == ordinal && string.Equals(s.UserId, state.UserId, StringComparison.Ordinal))
            {
                Volatile.Write(ref e.State, state);
                return;
            }
        }
    }

    /// <summary>One table entry (16 bytes): the state with the key it is found by (low half of the user hash, app ordinal) beside it.</summary>
    private struct Entry
    {
        public ConsentState? State;
        public uint Tag;
        public int AppOrdinal;
    }

    private sealed class Table(int capacity)
    {
        public readonly Entry[] Entries = new Entry[capacity];
    }
}
