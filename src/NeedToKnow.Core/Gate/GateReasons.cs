namespace NeedToKnow.Core.Gate;

/// <summary>Maps each <see cref="GateReason"/> to its row in the catalog's reason codes (STYLE.md H5: codes are catalog rows).</summary>
public static class GateReasons
{
    /// <summary>The catalog reason-code id of a reason: the errno as text where WeChat has one (<c>"104"</c>), else NeedToKnow's own id (<c>"NTK-GATE-001"</c>).</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The catalog id.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reason"/> is not a defined value.</exception>
    public static string CatalogId(GateReason reason) => reason switch
    {
        GateReason.None => "0",
        GateReason.NoPermission => "102",
        GateReason.ScopeDenied => "103",
        GateReason.PrivacyConsentMissing => "104",
        GateReason.NotDeclared => "112",
        GateReason.PrivacyApiBanned => "1025",
        GateReason.StoreUnavailable => "NTK-GATE-001",
        GateReason.GestureMissing => "NTK-GATE-002",
        GateReason.InternalError => "NTK-GATE-005",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "not a gate reason"),
    };
}
