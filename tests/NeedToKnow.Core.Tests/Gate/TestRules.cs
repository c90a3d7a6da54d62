using NeedToKnow.Core.Catalog;
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

    /// <summary>Catalog API bindings (the gate reads the catalog's type); the id is the API text, as a host sends it.</summary>
    public static readonly ApiBinding[] Apis =
    [
        Bind("wx.getLocation", "Location"),
        Bind("wx.getFuzzyLocation", "Location", scope: "scope.userFuzzyLocation"),
        Bind("button.open-type.getPhoneNumber", "PhoneNumber"),
        Bind("wx.chooseImage", "Album"),
        Bind("wx.startRecord", "Record"),
        Bind("wx.getClipboardData", "Clipboard"),
        Bind("wx.navigateToMiniProgram.Clipboard", "Clipboard", gesture: true),
    ];

    /// <summary>Service category "maps" has Location in its necessary scope; "shopping" does not.</summary>
    public static readonly Dictionary<string, IReadOnlyCollection<string>> Necessary = new()
    {
        ["maps"] = ["Location"],
        ["shopping"] = ["PhoneNumber", "Album"],
    };

    public static GateRules Create() => GateRules.Create(Keys, Apis, Necessary);

    private static ApiBinding Bind(string api, string key, string? scope = null, bool gesture = false) => new()
    {
        Id = api,
        Source = "test",
        AddedIn = "1.0",
        Platform = "wx",
        Kind = BindingKind.Function,
        Api = api,
        Key = key,
        Scope = scope,
        NeedsUserGesture = gesture,
    };
}
