using NeedToKnow.Core.Gate;

namespace NeedToKnow.Core.Tests.Gate;

/// <summary>A small rule set for gate tests (a subset of the catalog, reference §1 and §3).</summary>
internal static class TestRules
{
    public static GateRules Create() => GateRules.Create(
        [
            new GateKeyRule("Location", Sensitive: true, Scope: "scope.userLocation", NeedsAdmission: true, AllowedEntityTypes: null, RequiresVerified: false, NeedsGesture: false),
            new GateKeyRule("PhoneNumber", Sensitive: true, Scope: null, NeedsAdmission: false, AllowedEntityTypes: ["enterprise", "government", "organization"], RequiresVerified: true, NeedsGesture: true),
            new GateKeyRule("Album", Sensitive: false, Scope: null, NeedsAdmission: false, AllowedEntityTypes: null, RequiresVerified: false, NeedsGesture: false),
            new GateKeyRule("Record", Sensitive: false, Scope: "scope.record", NeedsAdmission: false, AllowedEntityTypes: null, RequiresVerified: false, NeedsGesture: false),
            new GateKeyRule("Clipboard", Sensitive: false, Scope: null, NeedsAdmission: false, AllowedEntityTypes: null, RequiresVerified: false, NeedsGesture: false),
        ],
        [
            new GateApiBinding("wx.getLocation", "Location", null, null),
            new GateApiBinding("wx.getFuzzyLocation", "Location", "scope.userFuzzyLocation", null),
            new GateApiBinding("button.open-type.getPhoneNumber", "PhoneNumber", null, null),
            new GateApiBinding("wx.chooseImage", "Album", null, null),
            new GateApiBinding("wx.startRecord", "Record", null, null),
            new GateApiBinding("wx.getClipboardData", "Clipboard", null, null),
        ]);
}
