namespace NeedToKnow.Core.Consent;

/// <summary>
/// One append-only entry of the consent ledger: a user's answer (or action) about one app. The current state
/// (<see cref="ConsentState"/>) is a pure fold of these events (<see cref="ConsentProjection"/>), so the state as of
/// any past time can be answered from the history.
/// </summary>
/// <remarks>
/// Consent is scoped to the items agreed at the time (reference §2.3: a key added later needs its own consent;
/// keys already accepted never need re-consent unless their purpose changes). The store assigns
/// <see cref="Sequence"/>; <see cref="EventId"/> is chosen by the writer and makes appends idempotent.
/// </remarks>
/// <param name="EventId">A unique id chosen by the writer (a GUID); appending the same id twice stores it once.</param>
/// <param name="Kind">What happened.</param>
/// <param name="UserId">The pseudonymous user.</param>
/// <param name="AppId">The app.</param>
/// <param name="Time">When the user answered.</param>
/// <param name="DeclarationVersion">The declaration version shown, for declaration events; 0 otherwise.</param>
/// <param name="Items">The declaration items concerned (keys with purpose fingerprints); empty for scope events and app removal; empty for <see cref="ConsentEventKind.Withdrawn"/> means every item.</param>
/// <param name="Scope">The scope, for scope events; else null.</param>
/// <param name="Method">How it was collected.</param>
/// <param name="Sequence">The store-wide position, assigned on append (1 upwards); 0 before.</param>
public sealed record ConsentEvent(
    Guid EventId,
    ConsentEventKind Kind,
    string UserId,
    string AppId,
    DateTimeOffset Time,
    int DeclarationVersion,
    IReadOnlyList<ConsentItem> Items,
    string? Scope,
    ConsentMethod Method,
    long Sequence = 0);
