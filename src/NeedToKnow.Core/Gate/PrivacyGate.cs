using NeedToKnow.Core.Consent;

namespace NeedToKnow.Core.Gate;

/// <summary>
/// The gate: decides one privacy API call from an immutable <see cref="DeclarationSnapshot"/> and a consent view.
/// A pure function of its inputs (apart from handing out a decision id): no I/O, no locks, no logging, and no
/// allocation on the allow path (STYLE.md H2, H8). It fails closed: any exception becomes a
/// <see cref="DecisionKind.Deny"/> with <see cref="GateReason.InternalError"/> and the error in the decision.
/// </summary>
/// <remarks>
/// <para>Named <c>PrivacyGate</c> rather than <c>Gate</c> so that it does not clash with its namespace.</para>
/// <para>The checks run in DESIGN.md's order and the first failing one decides (reference §0, §2.5):</para>
/// <list type="number">
/// <item>app live, privacy APIs not banned, else deny 1025;</item>
/// <item>admission granted and developer entity allowed, else deny 102;</item>
/// <item>key declared in the live declaration, else deny 112;</item>
/// <item>user consented to the item under its current purpose (separately for SPI), else prompt, or deny 104 inside
/// the refusal cooldown (10 s for necessary items, 48 h for optional ones, by default);</item>
/// <item>scope authorized, else prompt when never asked, or deny 103 when refused (until re-enabled in settings);</item>
/// <item>user gesture present where needed, else deny 90601.</item>
/// </list>
/// </remarks>
public sealed class PrivacyGate
{
    private const int HashAhead = 12;
    private const int EntryAhead = 6;
    private const int StringAhead = 2;
    private const int Ring = 32;
    private const int RingMask = Ring - 1;
    private readonly DeclarationSnapshot _declarations;
    private readonly IConsentView _consents;
    private readonly ConsentCache? _cache;
    private readonly ConsentSnapshot? _snapshot;
    private readonly DecisionIdSource _ids;
    private readonly long _declarationCooldownTicks;
    private readonly long _optionalCooldownTicks;
    private readonly long _scopeCooldownTicks;

    /// <summary>Creates a gate over a snapshot and a consent view.</summary>
    /// <param name="declarations">The declaration snapshot.</param>
    /// <param name="consents">The consent view (a <see cref="ConsentCache"/> or a <see cref="ConsentSnapshot"/>).</param>
    /// <param name="options">Anti-nagging rules and node id; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="declarations"/> or <paramref name="consents"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A cooldown is negative or the node id is outside 0–2047.</exception>
    public PrivacyGate(DeclarationSnapshot declarations, IConsentView consents, GateOptions? options = null)
        : this(declarations, consents, options ?? new GateOptions(), null)
    {
    }

    internal PrivacyGate(DeclarationSnapshot declarations, IConsentView consents, GateOptions options, DecisionIdSource? ids)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        ArgumentNullException.ThrowIfNull(consents);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DeclarationRefusalCooldown, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.OptionalRefusalCooldown, TimeSpan.Zero);
        _declarations = declarations;
        _consents = consents;
        _cache = consents as ConsentCache;
        _snapshot = consents as ConsentSnapshot;
        Options = options;
        _ids = ids ?? new DecisionIdSource(options.NodeId, DateTimeOffset.UtcNow);
        _declarationCooldownTicks = options.DeclarationRefusalCooldown.Ticks;
        _optionalCooldownTicks = options.OptionalRefusalCooldown.Ticks;
        _scopeCooldownTicks = options.ScopeRefusalCooldown is { } s ? Math.Max(0, s.Ticks) : long.MaxValue;
    }

    /// <summary>The declaration snapshot this gate decides with.</summary>
    public DeclarationSnapshot Declarations => _declarations;

    /// <summary>The consent view this gate decides with.</summary>
    public IConsentView Consents => _consents;

    /// <summary>The options.</summary>
    public GateOptions Options { get; }

    internal DecisionIdSource Ids => _ids;

    /// <summary>Decides one request. Never throws; never allocates on the allow path.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The decision.</returns>
    public GateDecision Decide(in GateRequest request)
    {
        return DecideFailClosed(in request, 0, 0);
    }

    /// <summary>
    /// Decides many independent requests: the same decisions, in the same order, as calling <see cref="Decide"/> on each
    /// (ids are handed out in request order). Faster on large platforms: while one request is decided, the memory the
    /// next ones need is fetched ahead (a software pipeline: the app-table slot and consent-table entry of the request
    /// 12 places ahead, the app entry and consent state of the one 6 ahead, the user id and answers of the one 2
    /// ahead), so their cache misses overlap instead of following one another. Never throws for a request;
    /// never allocates on the allow path.
    /// </summary>
    /// <param name="requests">The requests.</param>
    /// <param name="decisions">Receives one decision per request, at the same index; at least as long as <paramref name="requests"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="decisions"/> is shorter than <paramref name="requests"/>.</exception>
    public void DecideBatch(ReadOnlySpan<GateRequest> requests, Span<GateDecision> decisions)
    {
        CheckBatch(requests.Length, decisions.Length);
        var cache = _cache;
        var apps = _declarations.Apps;
        Span<ulong> userHashes = stackalloc ulong[Ring];
        Span<ulong> appHashes = stackalloc ulong[Ring];
        var aheadApps = default(Ring32<AppEntry>);
        var aheadStates = default(Ring32<ConsentState>);
        var n = requests.Length;
        for (var i = -HashAhead; i < n; i++)
        {
            // Stage 1: hash the ids and prefetch the two table slots they lead to (neither needs the other's result).
            var a = i + HashAhead;
            if (a < n)
            {
                ref readonly var r = ref requests[a];
                ulong ah = 0, uh = 0;
                if (r.AppId is not null && r.UserId is not null)
                {
                    ah = ConsentCache.HashId(r.AppId);
                    apps.Prefetch(ah);
                    if (cache is not null)
                    {
                        uh = ConsentCache.HashId(r.UserId);
                        cache.Prefetch(uh, ah);
                    }
                }

                appHashes[a & RingMask] = ah;
                userHashes[a & RingMask] = uh;
            }

            // Stage 2: the slots have arrived; prefetch the app entry and the consent state they point to.
            var b = i + EntryAhead;
            if ((uint)b < (uint)n)
            {
                var bh = appHashes[b & RingMask];
                var app = bh == 0 ? null : apps.Peek(bh);
                var st = bh == 0 || cache is null ? null : cache.Peek(userHashes[b & RingMask], bh);
                Prefetcher.Object(app);
                Prefetcher.Object(st, 2);
                aheadApps[b & RingMask] = app;
                aheadStates[b & RingMask] = st;
            }

            // Stage 3: the entry and state have arrived; prefetch what they point to (ids compared, answers scanned).
            var c = i + StringAhead;
            if ((uint)c < (uint)n)
            {
                if (aheadApps[c & RingMask] is { } app)
                {
                    Prefetcher.Object(app.AppId);
                }

                if (aheadStates[c & RingMask] is { } st)
                {
                    Prefetcher.Object(st.UserId);
                    Prefetcher.Object(st.Answers, 2);
                }
            }

            if (i >= 0)
            {
                decisions[i] = DecideFailClosed(in requests[i], userHashes[i & RingMask], appHashes[i & RingMask]);
            }
        }
    }

    /// <exception cref="ArgumentException">There is less room for decisions than there are requests.</exception>
    internal static void CheckBatch(int requests, int decisions)
    {
        if (decisions < requests)
        {
            throw new ArgumentException("decisions has room for " + decisions + " decisions, the batch holds " + requests + " requests", nameof(decisions));
        }
    }

    /// <summary>Hands out the decision id and decides; any exception becomes a deny with <see cref="GateReason.InternalError"/>.</summary>
    private GateDecision DecideFailClosed(in GateRequest request, ulong userHash, ulong appHash)
    {
        var id = _ids.Next();
        try
        {
            return DecideCore(in request, id, userHash, appHash);
        }
        catch (Exception ex)
        {
            return Failed(id, GateReason.InternalError, GateCheck.Internal, GateDetail.Exception, ex.GetType().Name + ": " + ex.Message);
        }
    }

    /// <summary>A fail-closed deny for callers that cannot reach the gate's inputs (store unavailable).</summary>
    internal GateDecision Failed(DecisionId id, GateReason reason, GateCheck check, GateDetail detail, string error) =>
        new(DecisionKind.Deny, reason, check, detail, null, id, 0, null, error);

    internal GateDecision NewFailed(GateReason reason, GateCheck check, GateDetail detail, string error) =>
        Failed(_ids.Next(), reason, check, detail, error);

    /// <param name="request">The request.</param>
    /// <param name="id">Its decision id.</param>
    /// <param name="userHash">The user id's <see cref="ConsentCache.HashId"/> when already computed (and its slots prefetched), else 0.</param>
    /// <param name="appHash">The app id's <see cref="ConsentCache.HashId"/> when already computed, else 0.</param>
    private GateDecision DecideCore(in GateRequest request, DecisionId id, ulong userHash, ulong appHash)
    {
        var apps = _declarations.Apps;
        if (appHash == 0 && request.AppId is not null)
        {
            // The app-table slot and the consent-table entry depend only on the two ids: start fetching both now, and
            // then the app entry and consent state they point to, so that on a large platform their cache misses
            // overlap with each other and with resolving the target instead of following one another.
            appHash = ConsentCache.HashId(request.AppId);
            apps.Prefetch(appHash);
            if (_cache is not null && request.UserId is not null)
            {
                userHash = ConsentCache.HashId(request.UserId);
                _cache.Prefetch(userHash, appHash);
                Prefetcher.Object(_cache.Peek(userHash, appHash), 2);
            }

            Prefetcher.Object(apps.Peek(appHash));
        }

        var rules = _declarations.Rules;
        string key;
        ResolvedTarget? target;
        if (rules.TryResolve(request.Target, out var t))
        {
            target = t;
            key = t.Rule.Key;
        }
        else
        {
            // Not a catalog API or key: a custom key the app may have declared (reference §1 "Custom keys are allowed").
            target = null;
            key = request.Target;
        }

        // 1. app live and not banned (1025)
        if (!apps.TryGet(request.AppId!, appHash, out var app) || app.Status != AppStatus.Live)
        {
            var banned = app is not null && app.Status == AppStatus.Banned;
            return Deny(id, GateReason.PrivacyApiBanned, GateCheck.AppStatus, banned ? GateDetail.Banned : GateDetail.AppNotLive, key, app?.Version ?? 0);
        }

        if (app.BannedKeys.Length != 0 && app.IsBanned(key))
        {
            return Deny(id, GateReason.PrivacyApiBanned, GateCheck.AppStatus, GateDetail.Banned, key, app.Version);
        }

        // 2. admission and developer entity (102)
        if (target is not null)
        {
            var rule = target.Rule;
            if (rule.NeedsAdmission && !app.Admits(request.Target, key))
            {
                return Deny(id, GateReason.NoPermission, GateCheck.Permission, GateDetail.AdmissionMissing, key, app.Version);
            }

            if ((rule.RequiresVerified && !app.Verified) || (rule.AllowedEntityTypes is { } allowed && !AppEntry.Contains(allowed, app.EntityType)))
            {
                return Deny(id, GateReason.NoPermission, GateCheck.Permission, GateDetail.EntityNotAllowed, key, app.Version);
            }
        }

        // 3. declared in the live declaration (112)
        var item = app.FindItem(key);
        if (item is null && target is not null)
        {
            // A declaration item for an ancestor key covers the key (STYLE.md H18; catalog hierarchy).
            var ancestors = target.Rule.Ancestors;
            for (var i = 0; item is null && i < ancestors.Length; i++)
            {
                item = app.FindItem(ancestors[i]);
            }
        }

        if (item is null)
        {
            return Deny(id, GateReason.NotDeclared, GateCheck.Declaration, GateDetail.KeyNotDeclared, key, app.Version);
        }

        // 4. consent to the declaration item (104 / prompt)
        ConsentState? state;
        if (_cache is not null)
        {
            _cache.TryGet(request.UserId!, userHash != 0 ? userHash : ConsentCache.HashId(request.UserId!), app.Ordinal, app.Hash, out state);
        }
        else if (_snapshot is not null)
        {
            _snapshot.TryGet(request.UserId!, app.Ordinal, out state);
        }
        else
        {
            _consents.TryGet(request.UserId!, request.AppId!, out state);
        }
        var now = request.Time.UtcTicks;
        GateDetail consentDetail;
        if (state is null || !state.TryGetKeyAnswer(item.Key, out var kc))
        {
            consentDetail = GateDetail.NotAsked;
        }
        else if (kc.Status == ConsentStatus.Granted)
        {
            consentDetail = kc.Purpose != item.PurposeHash.Value ? GateDetail.PurposeChanged
                : item.Sensitive && !kc.Separate ? GateDetail.SeparateConsentMissing
                : GateDetail.None;
        }
        else
        {
            var cooldown = item.Necessary ? _declarationCooldownTicks : _optionalCooldownTicks;
            consentDetail = now - kc.UtcTicks < cooldown ? GateDetail.RefusedInCooldown : GateDetail.RefusedCooldownOver;
        }

        if (consentDetail == GateDetail.RefusedInCooldown)
        {
            return Deny(id, GateReason.PrivacyConsentMissing, GateCheck.Consent, consentDetail, key, app.Version);
        }

        if (consentDetail != GateDetail.None)
        {
            return new GateDecision(DecisionKind.Prompt, GateReason.PrivacyConsentMissing, GateCheck.Consent, consentDetail, key, id, app.Version, item.DeclarationPrompt, null);
        }

        // 5. scope authorized (103 / prompt)
        var scope = target?.Scope;
        if (scope is not null)
        {
            if (!state!.TryGetScopeAnswer(scope, out var sc))
            {
                return new GateDecision(DecisionKind.Prompt, GateReason.ScopeDenied, GateCheck.Scope, GateDetail.ScopeNotAsked, key, id, app.Version, item.ScopePrompt(scope), null);
            }

            if (sc.Status != ConsentStatus.Granted)
            {
                if (now - sc.UtcTicks < _scopeCooldownTicks)
                {
                    return Deny(id, GateReason.ScopeDenied, GateCheck.Scope, GateDetail.ScopeRefused, key, app.Version);
                }

                return new GateDecision(DecisionKind.Prompt, GateReason.ScopeDenied, GateCheck.Scope, GateDetail.RefusedCooldownOver, key, id, app.Version, item.ScopePrompt(scope), null);
            }
        }

        // 6. user gesture (90601)
        if (target is not null && target.NeedsGesture && !request.UserGesture)
        {
            return Deny(id, GateReason.GestureMissing, GateCheck.Gesture, GateDetail.GestureMissing, key, app.Version);
        }

        return new GateDecision(DecisionKind.Allow, GateReason.None, GateCheck.None, GateDetail.None, key, id, app.Version, null, null);
    }

    private static GateDecision Deny(DecisionId id, GateReason reason, GateCheck check, GateDetail detail, string key, int version) =>
        new(DecisionKind.Deny, reason, check, detail, key, id, version, null, null);
}

/// <summary>A ring of 32 references on the stack, for the prefetch pipeline of <see cref="PrivacyGate.DecideBatch"/>.</summary>
[System.Runtime.CompilerServices.InlineArray(32)]
internal struct Ring32<T>
    where T : class
{
    private T? _first;
}
