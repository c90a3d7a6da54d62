namespace NeedToKnow.Core.Gate;

/// <summary>
/// One app in the platform's registry: status, live declaration pointer, developer, admissions and per-key bans.
/// The declaration store keeps these; the gate reads them through a <see cref="DeclarationSnapshot"/>.
/// </summary>
/// <param name="AppId">The app id, e.g. <c>wx0123456789abcdef</c>.</param>
/// <param name="Status">Live, offline or banned.</param>
/// <param name="LiveVersion">The declaration version that is live, or null when none is.</param>
/// <param name="Developer">The registered developer.</param>
/// <param name="Admissions">Privacy APIs or privacy keys whose admission the platform granted (reference §0, gate 1), e.g. <c>Location</c> or <c>wx.getLocation</c>.</param>
/// <param name="BannedKeys">Privacy keys banned for this app by enforcement (denied with 1025), usually empty.</param>
/// <param name="Revision">A store-wide increasing number, bumped by the store on every change of the app or its live pointer; 0 before it is stored.</param>
public sealed record AppRecord(
    string AppId,
    AppStatus Status,
    int? LiveVersion,
    DeveloperInfo Developer,
    IReadOnlyList<string> Admissions,
    IReadOnlyList<string> BannedKeys,
    long Revision = 0);
