using NeedToKnow.Core.Consent;
using NeedToKnow.Core.Gate;

namespace NeedToKnow.Core.Tests.Gate;

public sealed class GateSmokeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 7, 12, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Allows_a_declared_consented_authorized_key_and_prompts_otherwise()
    {
        var dev = new DeveloperInfo("Acme Coffee", "enterprise", true);
        var v1 = new DeclarationVersion("wxa", 1, [new DeclaredItem("Location", "to show stores near you", true)], null, T0);
        var snap = DeclarationSnapshot.Build(TestRules.Create(), [new LiveAppDeclaration(new AppRecord("wxa", AppStatus.Live, 1, dev, ["Location"], []), v1)]);
        var cache = new ConsentCache();
        var gate = new PrivacyGate(snap, cache);

        var first = gate.Decide(new GateRequest("wxa", "u1", "wx.getLocation", false, T0));
        Assert.Equal((DecisionKind.Prompt, GateReason.PrivacyConsentMissing, GateCheck.Consent, GateDetail.NotAsked), (first.Kind, first.Reason, first.DecidedBy, first.Detail));
        Assert.Equal("to show stores near you", first.Prompt!.Purpose);
        Assert.True(first.Prompt.SeparateConsent);

        cache.Apply(new ConsentEvent(Guid.NewGuid(), ConsentEventKind.DeclarationGranted, "u1", "wxa", T0, 1, [new ConsentItem("Location", PurposeHash.Of("to show stores near you"))], null, ConsentMethod.SeparatePopup));
        var second = gate.Decide(new GateRequest("wxa", "u1", "wx.getLocation", false, T0));
        Assert.Equal((DecisionKind.Prompt, GateCheck.Scope, "scope.userLocation"), (second.Kind, second.DecidedBy, second.Prompt!.Scope));

        cache.Apply(new ConsentEvent(Guid.NewGuid(), ConsentEventKind.ScopeGranted, "u1", "wxa", T0, 0, [], "scope.userLocation", ConsentMethod.ScopePopup));
        var third = gate.Decide(new GateRequest("wxa", "u1", "wx.getLocation", false, T0));
        Assert.Equal((DecisionKind.Allow, GateReason.None, GateCheck.None, "Location", 1), (third.Kind, third.Reason, third.DecidedBy, third.Key, third.DeclarationVersion));
        Assert.True(third.Id.Value > second.Id.Value);
    }
}
