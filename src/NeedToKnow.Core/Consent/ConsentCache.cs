using System.Collections.Concurrent;

namespace NeedToKnow.Core.Consent;

/// <summary>
/// The node-local cache of current consent states that the gate reads: lock-free, allocation-free reads; writes
/// (folding a new event) replace the user's entry atomically, so a withdrawal applied here is seen by the very next
/// decision on this node. Other nodes see it when they next follow the ledger (see <c>GateServiceOptions</c>:
/// staleness bound).
/// </summary>
/// <remarks>
/// Layout: one dictionary entry per user holding an array of (app ordinal, state) pairs, one per app the user answered
/// about (users use few apps). The gate scans the ordinals, which sit side by side in one array, and touches only the
/// state it needs: at millions of records each state it skips would be a cache miss. Memory per cached consent record
/// is measured by <c>ntk bench gate</c> and <c>GateScaleBenchmark</c> and stated in docs/gate.md.
/// </remarks>
public sealed class ConsentCache : IConsentView
{
    private readonly ConcurrentDictionary<string, Slot[]> _byUser;
    private readonly Lock _writeLock = new();
    private long _count;

    /// <summary>Creates an empty cache.</summary>
    /// <param name="expectedUsers">A capacity hint: the number of users expected.</param>
    public ConsentCache(int expectedUsers = 0)
    {
        _byUser = new ConcurrentDictionary<string, Slot[]>(Environment.ProcessorCount, Math.Max(31, expectedUsers));
    }

    /// <summary>The number of (user, app) states cached.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>The number of users cached.</summary>
    public int UserCount => _byUser.Count;

    /// <inheritdoc/>
    public bool TryGet(string userId, string appId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ConsentState? state)
    {
        if (_byUser.TryGetValue(userId, out var slots))
        {
            for (var i = 0; i < slots.Length; i++)
            {
                var a = slots[i].State.AppId;
                if (ReferenceEquals(a, appId) || string.Equals(a, appId, StringComparison.Ordinal))
                {
                    state = slots[i].State;
                    return true;
                }
            }
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
            _byUser.Clear();
            Interlocked.Exchange(ref _count, 0);
        }
    }

    /// <summary>The gate's fast path: the app is given by its ordinal, already known from the declaration snapshot.</summary>
    internal bool TryGet(string userId, int appOrdinal, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ConsentState? state)
    {
        if (_byUser.TryGetValue(userId, out var slots))
        {
            for (var i = 0; i < slots.Length; i++)
            {
                if (slots[i].AppOrdinal == appOrdinal)
                {
                    state = slots[i].State;
                    return true;
                }
            }
        }

        state = null;
        return false;
    }

    internal static bool Find(ConsentState[] states, int appOrdinal, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ConsentState? state)
    {
        for (var i = 0; i < states.Length; i++)
        {
            if (states[i].AppOrdinal == appOrdinal)
            {
                state = states[i];
                return true;
            }
        }

        state = null;
        return false;
    }

    internal static bool Find(ConsentState[] states, string appId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ConsentState? state)
    {
        for (var i = 0; i < states.Length; i++)
        {
            var a = states[i].AppId;
            if (ReferenceEquals(a, appId) || string.Equals(a, appId, StringComparison.Ordinal))
            {
                state = states[i];
                return true;
            }
        }

        state = null;
        return false;
    }

    private void SetLocked(ConsentState state)
    {
        var slot = new Slot(state.AppOrdinal, state);
        if (!_byUser.TryGetValue(state.UserId, out var slots))
        {
            _byUser[state.UserId] = [slot];
            Interlocked.Increment(ref _count);
            return;
        }

        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i].AppOrdinal == state.AppOrdinal)
            {
                var copy = (Slot[])slots.Clone();
                copy[i] = slot;
                _byUser[state.UserId] = copy;
                return;
            }
        }

        _byUser[state.UserId] = [.. slots, slot];
        Interlocked.Increment(ref _count);
    }

    /// <summary>One cached state with its app ordinal beside it (copied out of the state so a scan does not touch the state).</summary>
    private readonly struct Slot(int appOrdinal, ConsentState state)
    {
        public readonly int AppOrdinal = appOrdinal;
        public readonly ConsentState State = state;
    }
}
