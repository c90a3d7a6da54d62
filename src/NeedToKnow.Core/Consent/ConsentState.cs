namespace NeedToKnow.Core.Consent;

/// <summary>
/// The current consent of one user for one app: the latest answer per declaration item and per scope. Immutable;
/// produced by <see cref="ConsentProjection"/> from the ledger and read by the gate through an
/// <see cref="IConsentView"/>.
/// </summary>
/// <remarks>
/// Memory: one state costs about 56 bytes plus about 40 bytes per item or scope answered (see docs/gate.md for the
/// measured figure per cached consent record).
/// </remarks>
public sealed class ConsentState
{
    private readonly KeyConsent[] _keys;
    private readonly ScopeConsent[] _scopes;

    /// <summary>Creates a state.</summary>
    /// <param name="userId">The pseudonymous user.</param>
    /// <param name="appId">The app.</param>
    /// <param name="keys">The answer per key, at most one per key.</param>
    /// <param name="scopes">The answer per scope, at most one per scope.</param>
    /// <param name="lastSequence">The sequence of the last event folded in (0 when none).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A key or scope appears twice.</exception>
    public ConsentState(string userId, string appId, IEnumerable<KeyConsent> keys, IEnumerable<ScopeConsent> scopes, long lastSequence)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(appId);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(scopes);
        UserId = userId;
        AppId = appId;
        _keys = [.. keys];
        _scopes = [.. scopes];
        for (var i = 0; i < _keys.Length; i++)
        {
            for (var j = i + 1; j < _keys.Length; j++)
            {
                if (_keys[i].Key == _keys[j].Key)
                {
                    throw new ArgumentException("key `" + _keys[i].Key + "` appears twice in a consent state", nameof(keys));
                }
            }
        }

        for (var i = 0; i < _scopes.Length; i++)
        {
            for (var j = i + 1; j < _scopes.Length; j++)
            {
                if (_scopes[i].Scope == _scopes[j].Scope)
                {
                    throw new ArgumentException("scope `" + _scopes[i].Scope + "` appears twice in a consent state", nameof(scopes));
                }
            }
        }

        LastSequence = lastSequence;
        AppOrdinal = AppOrdinals.Get(appId);
    }

    private ConsentState(string userId, string appId, KeyConsent[] keys, ScopeConsent[] scopes, long lastSequence, bool _)
    {
        UserId = userId;
        AppId = appId;
        _keys = keys;
        _scopes = scopes;
        LastSequence = lastSequence;
        AppOrdinal = AppOrdinals.Get(appId);
    }

    /// <summary>The pseudonymous user.</summary>
    public string UserId { get; }

    /// <summary>The app.</summary>
    public string AppId { get; }

    /// <summary>The answer per declaration item.</summary>
    public IReadOnlyList<KeyConsent> Keys => _keys;

    /// <summary>The answer per scope.</summary>
    public IReadOnlyList<ScopeConsent> Scopes => _scopes;

    /// <summary>The sequence of the last event folded in; 0 when none.</summary>
    public long LastSequence { get; }

    /// <summary>True when the user has no answer recorded for this app (never asked, or removed the app).</summary>
    public bool IsEmpty => _keys.Length == 0 && _scopes.Length == 0;

    /// <summary>An empty state: never asked.</summary>
    /// <param name="userId">The pseudonymous user.</param>
    /// <param name="appId">The app.</param>
    /// <returns>The state.</returns>
    public static ConsentState Empty(string userId, string appId) => new(userId, appId, [], [], 0, false);

    /// <summary>Finds the answer for a key. Allocation-free.</summary>
    /// <param name="key">The privacy key.</param>
    /// <param name="consent">The answer when found.</param>
    /// <returns>True when the user answered about the key.</returns>
    public bool TryGetKey(string key, out KeyConsent consent)
    {
        var keys = _keys;
        for (var i = 0; i < keys.Length; i++)
        {
            var k = keys[i].Key;
            if (ReferenceEquals(k, key) || string.Equals(k, key, StringComparison.Ordinal))
            {
                consent = keys[i];
                return true;
            }
        }

        consent = default;
        return false;
    }

    /// <summary>Finds the answer for a scope. Allocation-free.</summary>
    /// <param name="scope">The scope.</param>
    /// <param name="consent">The answer when found.</param>
    /// <returns>True when the user answered about the scope.</returns>
    public bool TryGetScope(string scope, out ScopeConsent consent)
    {
        var scopes = _scopes;
        for (var i = 0; i < scopes.Length; i++)
        {
            var s = scopes[i].Scope;
            if (ReferenceEquals(s, scope) || string.Equals(s, scope, StringComparison.Ordinal))
            {
                consent = scopes[i];
                return true;
            }
        }

        consent = default;
        return false;
    }

    internal int AppOrdinal { get; }

    internal KeyConsent[] KeyArray => _keys;

    internal ScopeConsent[] ScopeArray => _scopes;

    internal static ConsentState Trusted(string userId, string appId, KeyConsent[] keys, ScopeConsent[] scopes, long lastSequence) =>
        new(userId, appId, keys, scopes, lastSequence, false);
}
