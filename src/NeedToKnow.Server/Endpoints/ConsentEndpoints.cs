using System.Security.Claims;
using System.Text.Json;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Consent;
using NeedToKnow.Core.Diagnostics;
using NeedToKnow.Core.Gate;
using NeedToKnow.Server.Auth;
using NeedToKnow.Server.Hosting;
using NeedToKnow.Server.Platform;

namespace NeedToKnow.Server.Endpoints;

/// <summary>
/// A user's consents: list, withdraw, receipts, remove an app from the user's list, and the privacy report. Reached by
/// the host for any user (<c>/v1/users/{userId}/...</c>) and by a user token for its own user (<c>/v1/me/...</c>).
/// </summary>
internal static class ConsentEndpoints
{
    public sealed record WithdrawRequest(IReadOnlyList<string>? Keys);

    public sealed record KeyView(string Key, string Status, int DeclarationVersion, bool Separate, DateTimeOffset Time);

    public sealed record ScopeView(string Scope, string Status, DateTimeOffset Time);

    public sealed record AppConsentView(string AppId, IReadOnlyList<KeyView> Keys, IReadOnlyList<ScopeView> Scopes, long LastSequence, string? EventId = null);

    public static void Map(RouteGroupBuilder v1)
    {
        foreach (var (prefix, self) in new[] { ("/users/{userId}", false), ("/me", true) })
        {
            var group = v1.MapGroup(prefix).WithTags("consent").RequireAuthorization(Policies.UserData);
            group.MapGet("/consents", (HttpContext http, ClaimsPrincipal caller, GateService gate, PlatformStores stores, CancellationToken ct) =>
                WithUser(http, caller, self, user => ListAsync(user, gate, stores, ct)));
            group.MapPost("/consents/{appId}/withdraw", (HttpContext http, string appId, WithdrawRequest? body, ClaimsPrincipal caller, GateService gate, AuditRuntime audit, PlatformStores stores, PrivacyCatalog catalog, TimeProvider time, CancellationToken ct) =>
                WithUser(http, caller, self, user => WithdrawAsync(user, appId, body, gate, audit, stores, catalog, time, ct)))
                .Produces<AppConsentView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);
            group.MapDelete("/apps/{appId}", (HttpContext http, string appId, ClaimsPrincipal caller, GateService gate, AuditRuntime audit, PlatformStores stores, TimeProvider time, CancellationToken ct) =>
                WithUser(http, caller, self, async user => await KnownAppAsync(appId, stores, ct).ConfigureAwait(false)
                    ?? await RecordAsync(new ConsentEvent(Guid.NewGuid(), ConsentEventKind.AppRemoved, user, appId, time.GetUtcNow(), 0, [], null, ConsentMethod.UserPage), gate, audit, ct).ConfigureAwait(false)))
                .Produces<AppConsentView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);
            group.MapGet("/receipts", (HttpContext http, ClaimsPrincipal caller, PlatformStores stores, PrivacyCatalog catalog, CancellationToken ct) =>
                WithUser(http, caller, self, user => ReceiptsAsync(user, stores, catalog, ct)));
            group.MapGet("/report", (HttpContext http, ClaimsPrincipal caller, AccessReport report) =>
                WithUser(http, caller, self, user => Task.FromResult(Results.Ok(new { userId = user, entries = report.For(user) }))));
        }
    }

    internal static AppConsentView View(ConsentState state, Guid? eventId = null) => new(
        state.AppId,
        [.. state.Keys.Select(k => new KeyView(k.Key, k.Status.ToString().ToLowerInvariant(), k.DeclarationVersion, k.Separate, k.Time))],
        [.. state.Scopes.Select(s => new ScopeView(s.Scope, s.Status.ToString().ToLowerInvariant(), s.Time))],
        state.LastSequence,
        eventId?.ToString());

    private static async Task<IResult> WithUser(HttpContext http, ClaimsPrincipal caller, bool self, Func<string, Task<IResult>> action)
    {
        var user = self ? Claims.UserOf(caller) : http.GetRouteValue("userId") as string;
        if (string.IsNullOrEmpty(user))
        {
            return Problems.Forbidden("`/v1/me` needs a user token");
        }

        var invalid = (self ? null : Inputs.UserId(user)) ?? (http.GetRouteValue("appId") is string appId ? Inputs.AppId(appId) : null);
        if (invalid is not null)
        {
            return Problems.BadRequest(invalid);
        }

        if (!Access.MayActForUser(caller, user))
        {
            return Problems.Forbidden("this token may not act for another user");
        }

        return await action(user).ConfigureAwait(false);
    }

    private static async Task<IResult> ListAsync(string userId, GateService gate, PlatformStores stores, CancellationToken ct)
    {
        var events = new List<ConsentEvent>();
        await foreach (var e in stores.Consents.ReadAsync(userId, null, null, ct).ConfigureAwait(false))
        {
            events.Add(e);
        }

        var apps = new List<AppConsentView>();
        foreach (var appId in events.Select(e => e.AppId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (gate.Cache.TryGet(userId, appId, out var state))
            {
                apps.Add(View(state));
            }
        }

        return Results.Ok(new { userId, apps });
    }

    /// <summary>
    /// A withdrawal: <c>keys</c> names the privacy keys withdrawn, or is <c>[]</c> for every item of the app. Without
    /// <c>keys</c>, with an unknown or repeated key, or for an unknown app nothing is written.
    /// </summary>
    private static async Task<IResult> WithdrawAsync(string userId, string appId, WithdrawRequest? body, GateService gate, AuditRuntime audit, PlatformStores stores, PrivacyCatalog catalog, TimeProvider time, CancellationToken ct)
    {
        if (body?.Keys is not { } keys)
        {
            return Problems.BadRequest("`keys` is required: the privacy keys to withdraw, or `[]` for every item of the app");
        }

        for (var i = 0; i < keys.Count; i++)
        {
            var invalid = Inputs.Name(keys[i], "keys[" + i + "]", "a privacy key");
            if (invalid is not null)
            {
                return Problems.BadRequest(invalid);
            }

            if (!catalog.TryGetKey(keys[i], out _))
            {
                var closest = FuzzyMatch.Closest(keys[i], catalog.Keys.Select(k => k.Id));
                return Problems.BadRequest("`keys[" + i + "]` `" + keys[i] + "` is not a privacy key of the catalog" + (closest is null ? "" : "; did you mean `" + closest + "`?"));
            }

            if (keys.Take(i).Contains(keys[i], StringComparer.Ordinal))
            {
                return Problems.BadRequest("privacy key `" + keys[i] + "` is named twice in `keys`");
            }
        }

        if (await KnownAppAsync(appId, stores, ct).ConfigureAwait(false) is { } unknown)
        {
            return unknown;
        }

        var items = keys.Select(k => new ConsentItem(k, default)).ToArray();
        return await RecordAsync(new ConsentEvent(Guid.NewGuid(), ConsentEventKind.Withdrawn, userId, appId, time.GetUtcNow(), 0, items, null, ConsentMethod.UserPage), gate, audit, ct).ConfigureAwait(false);
    }

    /// <summary>Null when <paramref name="appId"/> is a registered app, else the 404.</summary>
    private static async Task<IResult?> KnownAppAsync(string appId, PlatformStores stores, CancellationToken ct) =>
        await stores.Declarations.GetAppAsync(appId, ct).ConfigureAwait(false) is null ? Problems.NotFound("no app `" + appId + "`") : null;

    /// <summary>Records a user's action in the ledger (effective for this node's next decision) and in the audit log.</summary>
    private static async Task<IResult> RecordAsync(ConsentEvent e, GateService gate, AuditRuntime audit, CancellationToken ct)
    {
        var state = await gate.RecordConsentAsync(e, ct).ConfigureAwait(false);
        await audit.AppendConsentAsync(e, ct).ConfigureAwait(false);
        return Results.Ok(View(state, e.EventId));
    }

    private static async Task<IResult> ReceiptsAsync(string userId, PlatformStores stores, PrivacyCatalog catalog, CancellationToken ct)
    {
        var receipts = new List<JsonElement>();
        await foreach (var e in stores.Consents.ReadAsync(userId, null, null, ct).ConfigureAwait(false))
        {
            if (e.Kind != ConsentEventKind.DeclarationGranted)
            {
                continue;
            }

            var declaration = await stores.Declarations.GetVersionAsync(e.AppId, e.DeclarationVersion, ct).ConfigureAwait(false);
            var app = await stores.Declarations.GetAppAsync(e.AppId, ct).ConfigureAwait(false);
            if (declaration is null || app is null)
            {
                continue;
            }

            var receipt = ConsentReceipt.FromGrant(e, declaration, app.Developer.Name, key => catalog.TryGetKey(key, out var k) && k.Sensitivity == Sensitivity.Sensitive);
            receipts.Add(JsonDocument.Parse(receipt.ToJson()).RootElement.Clone());
        }

        return Results.Ok(new { userId, receipts });
    }
}
