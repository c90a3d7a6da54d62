using NeedToKnow.Core.Gate;

namespace NeedToKnow.Core.Tests.Gate;

/// <summary>A small rule set for gate tests (a subset of the catalog, reference §1 and §3).</summary>
internal static class TestRules
{
    public static readonly GateKeyRule[] Keys =
    [
        new("Location", Sensitive: true, Scope: "scope.userLocation", NeedsAdmission: true, AllowedEntityTypes: null, RequiresVerified: false, NeedsGesture: false),
        new("PhoneNumber", Sensitive: true, Scope: null, NeedsAdmission: false, AllowedEntityTypes: ["enterprise", "government", "organization"], RequiresVerified: true, NeedsGesture: true),
        new("Album", Sensitive: false, Scope: null, NeedsAdmission: false, AllowedEntityTypes: null, RequiresVerified: false, NeedsGesture: false),
        new("Record", Sensitive: false, Scope: "scope.record", NeedsAdmission: false, AllowedEntityTypes: null, RequiresVerified: false, NeedsGesture: false),
        new("Clipboard", Sensitive: false, Scope: null, NeedsAdmission: false, AllowedEntityTypes: null, RequiresVerified: false, NeedsGesture: false),
    ];

    public static readonly GateApiBinding[] Apis =
    [
        new("wx.getLocation", "Location", null, null),
        new("wx.getFuzzyLocation", "Location", "scope.userFuzzyLocation", null),
        new("button.open-type.getPhoneNumber", "PhoneNumber", null, null),
        new("wx.chooseImage", "Album", null, null),
        new("wx.startRecord", "Record", null, null),
        new("wx.getClipboardData", "Clipboard", null, null),
        new("wx.navigateToMiniProgram.Clipboard", "Clipboard", null, true),
    ];

    /// <summary>Service category "maps" has Location in its necessary scope; "shopping" does not.</summary>
    public static readonly Dictionary<string, IReadOnlyCollection<string>> Necessary = new()
    {
        ["maps"] = ["Location"],
        ["shopping"] = ["PhoneNumber", "Album"],
    };

    public static GateRules Create() => GateRules.Create(Keys, Apis, Necessary);
}
