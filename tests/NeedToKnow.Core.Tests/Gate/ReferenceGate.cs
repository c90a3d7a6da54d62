using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Consent;
using NeedToKnow.Core.Gate;

namespace NeedToKnow.Core.Tests.Gate;

/// <summary>
/// The slow, obvious gate (STYLE.md H14): reads the plain model and replays the raw event list for every request,
/// with LINQ and no caching, written from DESIGN.md's check table without looking at <see cref="PrivacyGate"/>.
/// Used to check the fast gate on seeded random inputs and to check the golden fixtures twice.
/// </summary>
internal static class ReferenceGate
{
    internal sealed record Outcome(DecisionKind Kind, GateReason Reason, GateCheck DecidedBy, GateDetail Detail, string? Key, int Version, PromptKind PromptKind, string? PromptPurpose, string? PromptScope, bool PromptSeparate);

    public static Outcome Decide(GateModel model, IReadOnlyList<GateKeyRule> keys, IReadOnlyList<ApiBinding> apis, IReadOnlyDictionary<string, IReadOnlyCollection<string>> necessaryByCategory,
        GateRequest request, DateTimeOffset consentAsOf)
    {
        if (request.AppId is null || request.UserId is null || request.Target is null)
        {
            return new(DecisionKind.Deny, GateReason.InternalError, GateCheck.Internal, GateDetail.Exception, null, 0, PromptKind.None, null, null, false);
        }

        var options = model.GateOptions();
        var binding = apis.FirstOrDefault(a => a.Id == request.Target || a.Api == request.Target);
        var rule = binding is not null ? keys.Single(k => k.Key == binding.Key) : keys.FirstOrDefault(k => k.Key == request.Target);
        var key = rule?.Key ?? request.Target;
        var scope = binding is not null ? binding.Scope ?? rule!.Scope : rule?.Scope;
        var gesture = (binding?.NeedsUserGesture ?? false) || (rule?.NeedsGesture ?? false);

        Outcome Deny(GateReason r, GateCheck c, GateDetail d, int v) => new(DecisionKind.Deny, r, c, d, key, v, PromptKind.None, null, null, false);

        // 1
        var app = model.Apps.LastOrDefault(a => a.Id == request.AppId);
        if (app is null || app.Live is null)
        {
            return Deny(GateReason.PrivacyApiBanned, GateCheck.AppStatus, GateDetail.AppNotLive, 0);
        }

        var live = app.Versions.Single(v => v.Version == app.Live);
        if (app.Status == AppStatus.Banned)
        {
            return Deny(GateReason.PrivacyApiBanned, GateCheck.AppStatus, GateDetail.Banned, live.Version);
        }

        if (app.Status != AppStatus.Live)
        {
            return Deny(GateReason.PrivacyApiBanned, GateCheck.AppStatus, GateDetail.AppNotLive, live.Version);
        }

        if (app.BannedKeys.Contains(key))
        {
            return Deny(GateReason.PrivacyApiBanned, GateCheck.AppStatus, GateDetail.Banned, live.Version);
        }

        // 2
        if (rule is not null && rule.NeedsAdmission && !app.Admissions.Contains(key) && !app.Admissions.Contains(request.Target))
        {
            return Deny(GateReason.NoPermission, GateCheck.Permission, GateDetail.AdmissionMissing, live.Version);
        }

        if (rule is not null && ((rule.RequiresVerified && !app.Developer.Verified) || (rule.AllowedEntityTypes is not null && !rule.AllowedEntityTypes.Contains(app.Developer.EntityType))))
        {
            return Deny(GateReason.NoPermission, GateCheck.Permission, GateDetail.EntityNotAllowed, live.Version);
        }

        // 3
        var item = live.Items.FirstOrDefault(i => i.Key == key);
        if (item is null)
        {
            return Deny(GateReason.NotDeclared, GateCheck.Declaration, GateDetail.KeyNotDeclared, live.Version);
        }

        var necessary = item.Necessary && (live.ServiceCategory is null || !necessaryByCategory.ContainsKey(live.ServiceCategory) || necessaryByCategory[live.ServiceCategory].Contains(key));
        var sensitive = rule?.Sensitive ?? false;

        // Replay the user's history for this app up to the view time.
        var history = model.LedgerEvents().Where(e => e.UserId == request.UserId && e.AppId == request.AppId && e.Time <= consentAsOf).OrderBy(e => e.Sequence).ToList();
        var lastReset = history.FindLastIndex(e => e.Kind == ConsentEventKind.AppRemoved);
        var relevant = history.Skip(lastReset + 1).ToList();

        // The latest event that says something about the key.
        ConsentEvent? keyEvent = null;
        foreach (var e in relevant)
        {
            var names = e.Items.Any(i => i.Key == key);
            if ((e.Kind is ConsentEventKind.DeclarationGranted or ConsentEventKind.DeclarationRefused) && names)
            {
                keyEvent = e;
            }
            else if (e.Kind == ConsentEventKind.Withdrawn && (names || e.Items.Count == 0) && keyEvent?.Kind == ConsentEventKind.DeclarationGranted)
            {
                keyEvent = e;
            }
        }

        // 4
        var declaredHash = PurposeHash.Of(item.Purpose);
        GateDetail detail;
        if (keyEvent is null)
        {
            detail = GateDetail.NotAsked;
        }
        else if (keyEvent.Kind == ConsentEventKind.DeclarationGranted)
        {
            var granted = keyEvent.Items.First(i => i.Key == key);
            if (granted.Purpose != declaredHash)
            {
                detail = GateDetail.PurposeChanged;
            }
            else if (sensitive && keyEvent.Method != ConsentMethod.SeparatePopup)
            {
                detail = GateDetail.SeparateConsentMissing;
            }
            else
            {
                detail = GateDetail.None;
            }
        }
        else
        {
            var cooldown = necessary ? options.DeclarationRefusalCooldown : options.OptionalRefusalCooldown;
            detail = request.Time - keyEvent.Time < cooldown ? GateDetail.RefusedInCooldown : GateDetail.RefusedCooldownOver;
        }

        if (detail == GateDetail.RefusedInCooldown)
        {
            return Deny(GateReason.PrivacyConsentMissing, GateCheck.Consent, detail, live.Version);
        }

        if (detail != GateDetail.None)
        {
            return new(DecisionKind.Prompt, GateReason.PrivacyConsentMissing, GateCheck.Consent, detail, key, live.Version, PromptKind.DeclarationConsent, item.Purpose, null, sensitive);
        }

        // 5
        if (scope is not null)
        {
            var scopeEvent = relevant.LastOrDefault(e => e.Scope == scope && e.Kind is ConsentEventKind.ScopeGranted or ConsentEventKind.ScopeRefused or ConsentEventKind.ScopeReEnabled);
            if (scopeEvent is null)
            {
                return new(DecisionKind.Prompt, GateReason.ScopeDenied, GateCheck.Scope, GateDetail.ScopeNotAsked, key, live.Version, PromptKind.ScopeAuthorization, item.Purpose, scope, sensitive);
            }

            if (scopeEvent.Kind == ConsentEventKind.ScopeRefused)
            {
                if (options.ScopeRefusalCooldown is null || request.Time - scopeEvent.Time < options.ScopeRefusalCooldown)
                {
                    return Deny(GateReason.ScopeDenied, GateCheck.Scope, GateDetail.ScopeRefused, live.Version);
                }

                return new(DecisionKind.Prompt, GateReason.ScopeDenied, GateCheck.Scope, GateDetail.RefusedCooldownOver, key, live.Version, PromptKind.ScopeAuthorization, item.Purpose, scope, sensitive);
            }
        }

        // 6
        if (gesture && !request.UserGesture)
        {
            return Deny(GateReason.GestureMissing, GateCheck.Gesture, GateDetail.GestureMissing, live.Version);
        }

        return new(DecisionKind.Allow, GateReason.None, GateCheck.None, GateDetail.None, key, live.Version, PromptKind.None, null, null, false);
    }

    public static Outcome Of(GateDecision d) =>
        new(d.Kind, d.Reason, d.DecidedBy, d.Detail, d.Key, d.DeclarationVersion, d.Prompt?.Kind ?? PromptKind.None, d.Prompt?.Purpose, d.Prompt?.Scope, d.Prompt?.SeparateConsent ?? false);
}
