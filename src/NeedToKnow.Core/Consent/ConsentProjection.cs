namespace NeedToKnow.Core.Consent;

/// <summary>
/// The pure fold of consent events into <see cref="ConsentState"/>: the current state is the fold of all events,
/// the state "as of" a time the fold of the events up to it. No I/O; deterministic.
/// </summary>
/// <remarks>
/// Rules (reference §2.3, §2.6): a grant or refusal sets the answer of each item it names, under the purpose
/// fingerprint shown, leaving other items as they were, so a new declaration version that adds keys needs consent
/// only for those keys and a changed purpose is seen as a fingerprint mismatch; a withdrawal marks the named items
/// (every item when none is named) withdrawn; a scope refusal stays until <see cref="ConsentEventKind.ScopeReEnabled"/>
/// or a new grant; removing the app from the user's list resets everything.
/// </remarks>
public static class ConsentProjection
{
    /// <summary>Folds one event into a state.</summary>
    /// <param name="state">The state before, for the event's user and app.</param>
    /// <param name="consentEvent">The event.</param>
    /// <returns>The state after; <paramref name="state"/> itself when the event was already folded in (its sequence is not above <see cref="ConsentState.LastSequence"/>).</returns>
    /// <exception cref="ArgumentException">The event is for another user or app, or names the same key twice.</exception>
    public static ConsentState Apply(ConsentState state, ConsentEvent consentEvent)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(consentEvent);
        var e = consentEvent;
        if (!string.Equals(e.UserId, state.UserId, StringComparison.Ordinal) || !string.Equals(e.AppId, state.AppId, StringComparison.Ordinal))
        {
            throw new ArgumentException("consent event for user `" + e.UserId + "` and app `" + e.AppId + "` folded into the state of user `" + state.UserId + "` and app `" + state.AppId + "`", nameof(consentEvent));
        }

        if (e.Sequence != 0 && e.Sequence <= state.LastSequence)
        {
            return state;
        }

        var seq = e.Sequence != 0 ? e.Sequence : state.LastSequence;
        var keys = state.KeyArray;
        var scopes = state.ScopeArray;
        switch (e.Kind)
        {
            case ConsentEventKind.DeclarationGranted:
                keys = SetKeys(keys, e, ConsentStatus.Granted, e.Method == ConsentMethod.SeparatePopup);
                break;
            case ConsentEventKind.DeclarationRefused:
                keys = SetKeys(keys, e, ConsentStatus.Refused, false);
                break;
            case ConsentEventKind.Withdrawn:
                keys = Withdraw(keys, e);
                break;
            case ConsentEventKind.ScopeGranted:
            case ConsentEventKind.ScopeReEnabled:
                scopes = SetScope(scopes, e, ConsentStatus.Granted);
                break;
            case ConsentEventKind.ScopeRefused:
                scopes = SetScope(scopes, e, ConsentStatus.Refused);
                break;
            case ConsentEventKind.AppRemoved:
                keys = [];
                scopes = [];
                break;
            default:
                throw new ArgumentException("unknown consent event kind `" + e.Kind + "`", nameof(consentEvent));
        }

        return ConsentState.Trusted(state.UserId, state.AppId, keys, scopes, seq);
    }

    /// <summary>Folds a user's events for one app, in the order given (sequence order).</summary>
    /// <param name="userId">The user.</param>
    /// <param name="appId">The app.</param>
    /// <param name="events">The events of that user and app, in sequence order.</param>
    /// <returns>The current state.</returns>
    /// <exception cref="ArgumentException">An event is for another user or app.</exception>
    public static ConsentState Fold(string userId, string appId, IEnumerable<ConsentEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var state = ConsentState.Empty(userId, appId);
        foreach (var e in events)
        {
            state = Apply(state, e);
        }

        return state;
    }

    /// <summary>
    /// The state as of <paramref name="asOf"/>: the fold of the events whose <see cref="ConsentEvent.Time"/> is at
    /// or before it. Answers "had this user consented to Location for this app on 12 July?".
    /// </summary>
    /// <param name="userId">The user.</param>
    /// <param name="appId">The app.</param>
    /// <param name="events">The events of that user and app, in sequence order.</param>
    /// <param name="asOf">The instant (inclusive).</param>
    /// <returns>The state at that instant.</returns>
    /// <exception cref="ArgumentException">An event is for another user or app.</exception>
    public static ConsentState AsOf(string userId, string appId, IEnumerable<ConsentEvent> events, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(events);
        var state = ConsentState.Empty(userId, appId);
        foreach (var e in events)
        {
            if (e.Time <= asOf)
            {
                state = Apply(state, e);
            }
        }

        return state;
    }

    private static KeyConsent[] SetKeys(KeyConsent[] keys, ConsentEvent e, ConsentStatus status, bool separate)
    {
        var list = new List<KeyConsent>(keys);
        for (var i = 0; i < e.Items.Count; i++)
        {
            var item = e.Items[i];
            for (var j = 0; j < i; j++)
            {
                if (e.Items[j].Key == item.Key)
                {
                    throw new ArgumentException("key `" + item.Key + "` appears twice in consent event " + e.EventId, nameof(e));
                }
            }

            var entry = new KeyConsent(item.Key, status, item.Purpose, separate, e.DeclarationVersion, e.Time);
            var at = list.FindIndex(k => k.Key == item.Key);
            if (at >= 0)
            {
                list[at] = entry;
            }
            else
            {
                list.Add(entry);
            }
        }

        return [.. list];
    }

    private static KeyConsent[] Withdraw(KeyConsent[] keys, ConsentEvent e)
    {
        var result = (KeyConsent[])keys.Clone();
        for (var i = 0; i < result.Length; i++)
        {
            var named = e.Items.Count == 0;
            for (var j = 0; !named && j < e.Items.Count; j++)
            {
                named = e.Items[j].Key == result[i].Key;
            }

            if (named && result[i].Status == ConsentStatus.Granted)
            {
                result[i] = result[i] with { Status = ConsentStatus.Withdrawn, Time = e.Time };
            }
        }

        return result;
    }

    private static ScopeConsent[] SetScope(ScopeConsent[] scopes, ConsentEvent e, ConsentStatus status)
    {
        if (e.Scope is null)
        {
            throw new ArgumentException("scope event " + e.EventId + " names no scope", nameof(e));
        }

        var list = new List<ScopeConsent>(scopes);
        var entry = new ScopeConsent(e.Scope, status, e.Time);
        var at = list.FindIndex(s => s.Scope == e.Scope);
        if (at >= 0)
        {
            list[at] = entry;
        }
        else
        {
            list.Add(entry);
        }

        return [.. list];
    }
}
