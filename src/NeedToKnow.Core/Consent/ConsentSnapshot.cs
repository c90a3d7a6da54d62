namespace NeedToKnow.Core.Consent;

/// <summary>An immutable <see cref="IConsentView"/> over a fixed set of states, for tests, replays and "as of" decisions.</summary>
public sealed class ConsentSnapshot : IConsentView
{
    private readonly Dictionary<string, ConsentState[]> _byUser;

    /// <summary>Creates a snapshot.</summary>
    /// <param name="states">The states; a later state for the same user and app replaces an earlier one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="states"/> is null.</exception>
    public ConsentSnapshot(IEnumerable<ConsentState> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var map = new Dictionary<string, List<ConsentState>>(StringComparer.Ordinal);
        foreach (var s in states)
        {
            if (!map.TryGetValue(s.UserId, out var list))
            {
                map[s.UserId] = list = [];
            }

            var at = list.FindIndex(x => x.AppId == s.AppId);
            if (at >= 0)
            {
                list[at] = s;
            }
            else
            {
                list.Add(s);
            }
        }

        _byUser = new Dictionary<string, ConsentState[]>(map.Count, StringComparer.Ordinal);
        foreach (var (user, list) in map)
        {
            _byUser[user] = [.. list];
            Count += list.Count;
        }
    }

    /// <summary>The number of (user, app) states.</summary>
    public int Count { get; }

    /// <summary>The gate's fast path: the app is given by its ordinal.</summary>
    internal bool TryGet(string userId, int appOrdinal, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ConsentState? state)
    {
        if (_byUser.TryGetValue(userId, out var states))
        {
            return Find(states, appOrdinal, out state);
        }

        state = null;
        return false;
    }

    /// <inheritdoc/>
    public bool TryGet(string userId, string appId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ConsentState? state)
    {
        if (_byUser.TryGetValue(userId, out var states))
        {
            return Find(states, appId, out state);
        }

        state = null;
        return false;
    }

    private static bool Find(ConsentState[] states, int appOrdinal, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ConsentState? state)
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

    private static bool Find(ConsentState[] states, string appId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ConsentState? state)
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
}
