namespace NeedToKnow.Core.Consent;

/// <summary>
/// The current consent of one user for one app: the latest answer per declaration item and per scope. Immutable;
/// produced by <see cref="ConsentProjection"/> from the ledger and read by the gate through an
/// <see cref="IConsentView"/>.
/// </summary>
/// <remarks>
/// Memory: one state costs about 64 bytes plus one array of 32-byte answers (keys first, then scopes), allocated right
/// after the state so that a lookup reads adjacent memory (see docs/gate.md for the measured figure per cached consent
/// record). <see cref="Keys"/> and <see cref="Scopes"/> build their lists on each call; the gate reads the answers in
/// place.
/// </remarks>
public sealed class ConsentState
{
    private readonly Answer[] _answers;
    private readonly int _keyCount;

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
        KeyConsent[] keyArray = [.. keys];
        ScopeConsent[] scopeArray = [.. scopes];
        for (var i = 0; i < keyArray.Length; i++)
        {
            for (var j = i + 1; j < keyArray.Length; j++)
            {
                if (keyArray[i].Key == keyArray[j].Key)
                {
                    throw new ArgumentException("key `" + keyArray[i].Key + "` appears twice in a consent state", nameof(keys));
                }
            }
        }

        for (var i = 0; i < scopeArray.Length; i++)
        {
            for (var j = i + 1; j < scopeArray.Length; j++)
            {
                if (scopeArray[i].Scope == scopeArray[j].Scope)
                {
                    throw new ArgumentException("scope `" + scopeArray[i].Scope + "` appears twice in a consent state", nameof(scopes));
                }
            }
        }

        (_answers, _keyCount) = Pack(keyArray, scopeArray);
        LastSequence = lastSequence;
        AppOrdinal = AppOrdinals.Get(appId);
    }

    private ConsentState(string userId, string appId, KeyConsent[] keys, ScopeConsent[] scopes, long lastSequence, bool _)
    {
        UserId = userId;
        AppId = appId;
        (_answers, _keyCount) = Pack(keys, scopes);
        LastSequence = lastSequence;
        AppOrdinal = AppOrdinals.Get(appId);
    }

    /// <summary>The pseudonymous user.</summary>
    public string UserId { get; }

    /// <summary>The app.</summary>
    public string AppId { get; }

    /// <summary>The answer per declaration item (a new list on each call).</summary>
    public IReadOnlyList<KeyConsent> Keys => KeyArray;

    /// <summary>The answer per scope (a new list on each call).</summary>
    public IReadOnlyList<ScopeConsent> Scopes => ScopeArray;

    /// <summary>The sequence of the last event folded in; 0 when none.</summary>
    public long LastSequence { get; }

    /// <summary>True when the user has no answer recorded for this app (never asked, or removed the app).</summary>
    public bool IsEmpty => _answers.Length == 0;

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
        if (TryGetKeyAnswer(key, out var a))
        {
            consent = a.ToKey();
            return true;
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
        if (TryGetScopeAnswer(scope, out var a))
        {
            consent = a.ToScope();
            return true;
        }

        consent = default;
        return false;
    }

    internal int AppOrdinal { get; }

    /// <summary>The packed answers (keys, then scopes), for the gate's batches to prefetch.</summary>
    internal Answer[] Answers => _answers;

    /// <summary>A new array of the key answers (the projection builds the next state from it).</summary>
    internal KeyConsent[] KeyArray
    {
        get
        {
            var keys = new KeyConsent[_keyCount];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = _answers[i].ToKey();
            }

            return keys;
        }
    }

    /// <summary>A new array of the scope answers.</summary>
    internal ScopeConsent[] ScopeArray
    {
        get
        {
            var scopes = new ScopeConsent[_answers.Length - _keyCount];
            for (var i = 0; i < scopes.Length; i++)
            {
                scopes[i] = _answers[_keyCount + i].ToScope();
            }

            return scopes;
        }
    }

    /// <summary>The gate's allocation-free lookup of a key answer, read in place.</summary>
    internal bool TryGetKeyAnswer(string key, out Answer answer)
    {
        var answers = _answers;
        var n = Math.Min(_keyCount, answers.Length);
        for (var i = 0; i < n; i++)
        {
            var k = answers[i].Name;
            if (ReferenceEquals(k, key) || string.Equals(k, key, StringComparison.Ordinal))
            {
                answer = answers[i];
                return true;
            }
        }

        answer = default;
        return false;
    }

    /// <summary>The gate's allocation-free lookup of a scope answer, read in place.</summary>
    internal bool TryGetScopeAnswer(string scope, out Answer answer)
    {
        var answers = _answers;
        for (var i = _keyCount; i < answers.Length; i++)
        {
            var s = answers[i].Name;
            if (ReferenceEquals(s, scope) || string.Equals(s, scope, StringComparison.Ordinal))
            {
                answer = answers[i];
                return true;
            }
        }

        answer = default;
        return false;
    }

    private static (Answer[] Answers, int KeyCount) Pack(KeyConsent[] keys, ScopeConsent[] scopes)
    {
        if (keys.Length == 0 && scopes.Length == 0)
        {
            return ([], 0);
        }

        var answers = new Answer[keys.Length + scopes.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            answers[i] = new Answer(keys[i]);
        }

        for (var i = 0; i < scopes.Length; i++)
        {
            answers[keys.Length + i] = new Answer(scopes[i]);
        }

        return (answers, keys.Length);
    }

    /// <summary>
    /// One answer packed in 32 bytes (a <see cref="KeyConsent"/> is 40, a <see cref="ScopeConsent"/> 32 with its
    /// <see cref="DateTimeOffset"/>): the key or scope, the UTC instant and its offset in minutes, status, purpose,
    /// separate flag and declaration version (the last two 0 for scopes).
    /// </summary>
    internal readonly struct Answer
    {
        public readonly string Name;
        public readonly long UtcTicks;
        public readonly ulong Purpose;
        public readonly int Version;
        public readonly short OffsetMinutes;
        public readonly ConsentStatus Status;
        public readonly bool Separate;

        public Answer(in KeyConsent k)
        {
            Name = k.Key;
            UtcTicks = k.Time.UtcTicks;
            OffsetMinutes = (short)(k.Time.Offset.Ticks / TimeSpan.TicksPerMinute);
            Purpose = k.Purpose.Value;
            Version = k.DeclarationVersion;
            Status = k.Status;
            Separate = k.Separate;
        }

        public Answer(in ScopeConsent s)
        {
            Name = s.Scope;
            UtcTicks = s.Time.UtcTicks;
            OffsetMinutes = (short)(s.Time.Offset.Ticks / TimeSpan.TicksPerMinute);
            Status = s.Status;
        }

        public DateTimeOffset Time => new DateTimeOffset(UtcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(OffsetMinutes));

        public KeyConsent ToKey() => new(Name, Status, new PurposeHash(Purpose), Separate, Version, Time);

        public ScopeConsent ToScope() => new(Name, Status, Time);
    }

    internal static ConsentState Trusted(string userId, string appId, KeyConsent[] keys, ScopeConsent[] scopes, long lastSequence) =>
        new(userId, appId, keys, scopes, lastSequence, false);
}
