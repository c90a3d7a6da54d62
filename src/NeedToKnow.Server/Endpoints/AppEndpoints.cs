using System.Security.Claims;
using System.Text.RegularExpressions;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Diagnostics;
using NeedToKnow.Core.Gate;
using NeedToKnow.Server.Auth;
using NeedToKnow.Server.Hosting;
using NeedToKnow.Server.Platform;

namespace NeedToKnow.Server.Endpoints;

/// <summary>The app registry: register apps (operator), admissions and enforcement (operator), read (operator or owner).</summary>
internal static partial class AppEndpoints
{
    public sealed record DeveloperBody(string? Name, string? EntityType, bool Verified);

    public sealed record RegisterAppRequest(string? AppId, string? DeveloperId, DeveloperBody? Developer, string? ServiceCategory, IReadOnlyList<string>? Admissions);

    public sealed record AdmissionsRequest(IReadOnlyList<string>? Admissions);

    public sealed record EnforcementRequest(string? Action, IReadOnlyList<string>? Keys, string? Reason);

    public sealed record AppView(string AppId, string DeveloperId, string Developer, string EntityType, bool Verified, AppStatus Status, int? LiveVersion, IReadOnlyList<string> Admissions, IReadOnlyList<string> BannedKeys);

    public static void Map(RouteGroupBuilder v1)
    {
        var apps = v1.MapGroup("/apps").WithTags("apps");
        apps.MapPost("/", RegisterAsync).RequireAuthorization(Policies.Operator);
        apps.MapGet("/", ListAsync).RequireAuthorization(Policies.Apps);
        apps.MapGet("/{appId}", GetAsync).RequireAuthorization(Policies.Apps);
        apps.MapPut("/{appId}/admissions", SetAdmissionsAsync).RequireAuthorization(Policies.Operator);
        apps.MapPost("/{appId}/enforcement", EnforceAsync).RequireAuthorization(Policies.Operator);
    }

    private static readonly SemaphoreSlim RegisterLock = new(1, 1);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex AppIdPattern();

    private static async Task<IResult> RegisterAsync(RegisterAppRequest request, PlatformStores stores, PrivacyCatalog catalog, CancellationToken ct)
    {
        if (request.AppId is null || !AppIdPattern().IsMatch(request.AppId))
        {
            return Problems.BadRequest("`appId` must be 1 to 64 letters, digits, `_` or `-`");
        }

        if (string.IsNullOrWhiteSpace(request.DeveloperId) || request.DeveloperId.Length > 128)
        {
            return Problems.BadRequest("`developerId` is required (at most 128 characters)");
        }

        var developer = request.Developer;
        if (developer is null || string.IsNullOrWhiteSpace(developer.Name) || developer.Name.Length > 200)
        {
            return Problems.BadRequest("`developer.name` is required (at most 200 characters)");
        }

        var entity = (developer.EntityType ?? "").ToLowerInvariant();
        string[] entities = ["organisation", "individual", "government"];
        if (!entities.Contains(entity))
        {
            var suggestion = FuzzyMatch.Closest(entity, entities);
            return Problems.BadRequest(
                "unknown `developer.entityType` `" + developer.EntityType + "`",
                suggestion is null ? "use one of `organisation`, `individual`, `government`" : "did you mean `" + suggestion + "`?");
        }

        if (request.ServiceCategory is not null && !catalog.TryGetServiceCategory(request.ServiceCategory, out _))
        {
            var suggestion = FuzzyMatch.Closest(request.ServiceCategory, catalog.ServiceCategories.Select(c => c.Id));
            return Problems.BadRequest(
                "unknown `serviceCategory` `" + request.ServiceCategory + "`",
                suggestion is null ? "see `ntk catalog show` for the 39 service categories" : "did you mean `" + suggestion + "`?");
        }

        if (request.Admissions is not null && CheckAdmissions(request.Admissions, catalog, requireAdmission: false) is { } badAdmission)
        {
            return badAdmission;
        }

        // Registration creates an app; it never changes one (admissions and enforcement have their own endpoints).
        // One registration at a time in this process, so two requests for the same new id cannot both create it.
        await RegisterLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (await stores.Declarations.GetAppAsync(request.AppId, ct).ConfigureAwait(false) is not null
                || !await stores.Owners.SetOwnerAsync(request.AppId, request.DeveloperId, ct).ConfigureAwait(false))
            {
                return Problems.Conflict("app `" + request.AppId + "` is already registered; nothing was changed (admissions: `PUT /v1/apps/" + request.AppId + "/admissions`, enforcement: `POST /v1/apps/" + request.AppId + "/enforcement`)");
            }

            var record = new AppRecord(
                request.AppId,
                AppStatus.Offline,
                null,
                new DeveloperInfo(developer.Name, entity, developer.Verified),
                request.Admissions ?? [],
                []);
            await stores.Declarations.UpsertAppAsync(record, ct).ConfigureAwait(false);
            return Results.Created("/v1/apps/" + request.AppId, View(record, request.DeveloperId));
        }
        finally
        {
            RegisterLock.Release();
        }
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal caller, PlatformStores stores, CancellationToken ct)
    {
        var views = new List<AppView>();
        foreach (var (appId, owner) in await stores.Owners.ListAsync(ct).ConfigureAwait(false))
        {
            if (Access.MayUseApp(caller, owner) && await stores.Declarations.GetAppAsync(appId, ct).ConfigureAwait(false) is { } app)
            {
                views.Add(View(app, owner));
            }
        }

        return Results.Ok(views);
    }

    private static async Task<IResult> GetAsync(string appId, ClaimsPrincipal caller, PlatformStores stores, CancellationToken ct)
    {
        var (app, owner, refusal) = await FindAsync(appId, caller, stores, ct).ConfigureAwait(false);
        return refusal ?? Results.Ok(View(app!, owner!));
    }

    private static async Task<IResult> SetAdmissionsAsync(string appId, AdmissionsRequest request, ClaimsPrincipal caller, PlatformStores stores, PrivacyCatalog catalog, CancellationToken ct)
    {
        var (app, owner, refusal) = await FindAsync(appId, caller, stores, ct).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (request.Admissions is not null && CheckAdmissions(request.Admissions, catalog, requireAdmission: true) is { } bad)
        {
            return bad;
        }

        var updated = app! with { Admissions = request.Admissions ?? [] };
        await stores.Declarations.UpsertAppAsync(updated, ct).ConfigureAwait(false);
        return Results.Ok(View(updated, owner!));
    }

    private static async Task<IResult> EnforceAsync(string appId, EnforcementRequest request, ClaimsPrincipal caller, PlatformStores stores, PrivacyCatalog catalog, AuditRuntime audit, GateService gate, TimeProvider time, CancellationToken ct)
    {
        var (app, owner, refusal) = await FindAsync(appId, caller, stores, ct).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (request.Keys is { Count: > 0 } && request.Action is "ban" or "unban")
        {
            // A key is a catalog privacy key or a custom key one of the app's versions declared; lifting a ban also
            // takes any key that is banned now.
            var known = new HashSet<string>(catalog.Keys.Select(k => k.Id), StringComparer.Ordinal);
            await foreach (var v in stores.Declarations.GetVersionsAsync(appId, ct).ConfigureAwait(false))
            {
                known.UnionWith(v.Items.Select(i => i.Key));
            }

            if (request.Action == "unban")
            {
                known.UnionWith(app!.BannedKeys);
            }

            var unknown = request.Keys.Where(k => k is null || !known.Contains(k)).ToArray();
            if (unknown.Length > 0)
            {
                return Unknown(
                    "`keys`: unknown privacy key" + (unknown.Length > 1 ? "s " : " ") + string.Join(", ", unknown.Select(k => "`" + k + "`")) + " (a key is a catalog privacy key or a key the app declared); nothing was changed",
                    unknown,
                    known,
                    "see `ntk catalog show` for the privacy keys; keys are case-sensitive");
            }
        }

        AppRecord updated;
        switch (request.Action)
        {
            case "ban":
                updated = request.Keys is { Count: > 0 } keys
                    ? app! with { BannedKeys = [.. app.BannedKeys.Union(keys, StringComparer.Ordinal)] }
                    : app! with { Status = AppStatus.Banned };
                break;
            case "unban":
                updated = request.Keys is { Count: > 0 } lift
                    ? app! with { BannedKeys = [.. app.BannedKeys.Except(lift, StringComparer.Ordinal)] }
                    : app! with { Status = app.LiveVersion is null ? AppStatus.Offline : AppStatus.Live, BannedKeys = [] };
                break;
            default:
                return Problems.BadRequest("`action` must be `ban` or `unban`");
        }

        await stores.Declarations.UpsertAppAsync(updated, ct).ConfigureAwait(false);
        var keyList = request.Keys is { Count: > 0 } ? string.Join(",", request.Keys) : "";
        await audit.AppendAsync(new Core.Audit.AuditEntry(Core.Audit.AuditEntryKind.Enforcement, time.GetUtcNow(), appId, keyList, "1025", "", request.Action + (request.Reason is null ? "" : ": " + request.Reason)), ct).ConfigureAwait(false);
        await gate.RefreshAsync(ct).ConfigureAwait(false);
        return Results.Ok(View(updated, owner!));
    }

    /// <summary>
    /// Checks admissions: each a catalog privacy key or a catalog API (<c>wx.getLocation</c>), exact case; with
    /// <paramref name="requireAdmission"/>, one whose key needs admission. Null when all are valid, else the 400.
    /// </summary>
    private static IResult? CheckAdmissions(IReadOnlyList<string> admissions, PrivacyCatalog catalog, bool requireAdmission)
    {
        var keys = catalog.Keys.ToDictionary(k => k.Id, k => k.NeedsAdmission, StringComparer.Ordinal);
        var apis = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var b in catalog.Bindings)
        {
            var needs = keys.TryGetValue(b.Key, out var n) && n;
            apis[b.Api] = (apis.TryGetValue(b.Api, out var seen) && seen) || needs;
        }

        var unknown = admissions.Where(a => a is null || (!keys.ContainsKey(a) && !apis.ContainsKey(a))).ToArray();
        if (unknown.Length > 0)
        {
            return Unknown(
                "`admissions`: unknown privacy key or API " + string.Join(", ", unknown.Select(a => "`" + a + "`")) + " (an admission is a catalog privacy key or API that needs admission); nothing was changed",
                unknown,
                keys.Keys.Concat(apis.Keys),
                "see `ntk catalog show` for the keys and APIs that need admission; names are case-sensitive");
        }

        var needless = requireAdmission ? admissions.Where(a => !(keys.TryGetValue(a, out var k) ? k : apis[a])).ToArray() : [];
        if (needless.Length > 0)
        {
            return Problems.BadRequest(
                "`admissions`: " + string.Join(", ", needless.Select(a => "`" + a + "`")) + (needless.Length > 1 ? " need" : " needs") + " no admission; nothing was changed",
                "admissions are for keys the platform must approve first, e.g. " + string.Join(", ", keys.Where(k => k.Value).Select(k => "`" + k.Key + "`").Order(StringComparer.Ordinal).Take(3)));
        }

        return null;
    }

    /// <summary>A 400 naming unknown names, with a did-you-mean for those that differ from a known name only in case.</summary>
    private static IResult Unknown(string detail, IReadOnlyList<string?> unknown, IEnumerable<string> known, string help)
    {
        var byCase = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var k in known)
        {
            byCase.TryAdd(k, k);
        }

        var suggestions = unknown.Where(u => u is not null && byCase.ContainsKey(u)).Select(u => (Given: u!, Known: byCase[u!])).ToArray();
        return Problems.BadRequest(
            detail,
            suggestions.Length == 0 ? help
                : suggestions.Length == 1 ? "did you mean `" + suggestions[0].Known + "`?"
                : "did you mean " + string.Join(", ", suggestions.Select(p => "`" + p.Known + "` for `" + p.Given + "`")) + "?");
    }

    /// <summary>Finds an app the caller may see; a developer asking for another's app gets the same 404 as for an unknown one.</summary>
    internal static async Task<(AppRecord? App, string? Owner, IResult? Refusal)> FindAsync(string appId, ClaimsPrincipal caller, PlatformStores stores, CancellationToken ct)
    {
        var owner = await stores.Owners.GetOwnerAsync(appId, ct).ConfigureAwait(false);
        if (!Access.MayUseApp(caller, owner))
        {
            return (null, null, Problems.NotFound("no app `" + appId + "` is visible to this key"));
        }

        var app = await stores.Declarations.GetAppAsync(appId, ct).ConfigureAwait(false);
        return app is null ? (null, null, Problems.NotFound("no app `" + appId + "`")) : (app, owner, null);
    }

    private static AppView View(AppRecord app, string owner) =>
        new(app.AppId, owner, app.Developer.Name, app.Developer.EntityType, app.Developer.Verified, app.Status, app.LiveVersion, app.Admissions, app.BannedKeys);
}
