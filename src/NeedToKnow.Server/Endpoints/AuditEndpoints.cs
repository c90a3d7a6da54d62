using System.Globalization;
using System.Text;
using NeedToKnow.Core.Audit;
using NeedToKnow.Core.Audit.Statistics;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Gate;
using NeedToKnow.Core.Submissions;
using NeedToKnow.Server.Auth;
using NeedToKnow.Server.Hosting;
using NeedToKnow.Server.Platform;

namespace NeedToKnow.Server.Endpoints;

/// <summary>
/// The audit log over HTTP (operator and auditor): the latest signed tree head, inclusion and consistency proofs
/// (RFC 9162 §2.1.3, §2.1.4), statistics computed from the log, a CSV export, and the dashboard's figures.
/// </summary>
internal static class AuditEndpoints
{
    public sealed record CountView(string Name, long Count);

    public sealed record ReasonView(string Code, string Name, long Count);

    public sealed record SeriesView(DateTimeOffset Time, long Interceptions, long Prompts);

    public sealed record QueueView(string AppId, int Version, DateTimeOffset SubmittedAt, int Errors, int Warnings);

    public sealed record DashboardView(
        DateTimeOffset? Since,
        string Headline,
        InterceptionFigures Interceptions,
        PromptFigures Prompts,
        double? ConsentRate,
        IReadOnlyList<SeriesView> Series,
        IReadOnlyList<CountView> ByKey,
        IReadOnlyList<ReasonView> ByReason,
        IReadOnlyList<CountView> TopPrograms,
        IReadOnlyList<QueueView> ReviewQueue);

    public sealed record InterceptionFigures(long Attempts, long Programs);

    public sealed record PromptFigures(long Shown);

    public static void Map(RouteGroupBuilder v1)
    {
        var audit = v1.MapGroup("/audit").WithTags("audit").RequireAuthorization(Policies.Audit);
        audit.MapGet("/sth", (AuditRuntime log) =>
            log.Log.Publisher?.Latest is { } head
                ? Results.Text(SignedTreeHeadJson.Serialize(head), "application/json")
                : Problems.NotFound("the log has no signed tree head yet"));
        audit.MapGet("/public-key", (AuditRuntime log) => Results.Text(log.PublicKeyPem, "application/x-pem-file"));
        audit.MapGet("/proof/inclusion", (long index, long? size, AuditRuntime log) =>
        {
            var treeSize = size ?? log.Log.Publisher?.Latest?.TreeSize ?? log.Log.Integrator.Snapshot.Size;
            if (index < 0 || treeSize <= index || treeSize > log.Log.Integrator.Snapshot.Size)
            {
                return Problems.BadRequest("`index` must be below `size`, and `size` at most the log's size " + log.Log.Integrator.Snapshot.Size);
            }

            var proof = log.Log.Proofs.ProveInclusion(index, treeSize);
            return Results.Ok(new { leafIndex = proof.LeafIndex, treeSize = proof.TreeSize, leafHash = Convert.ToBase64String(proof.LeafHash), hashes = proof.Hashes.Select(Convert.ToBase64String) });
        });
        audit.MapGet("/proof/consistency", (long first, long second, AuditRuntime log) =>
        {
            if (first < 1 || first > second || second > log.Log.Integrator.Snapshot.Size)
            {
                return Problems.BadRequest("need 1 <= `first` <= `second` <= " + log.Log.Integrator.Snapshot.Size);
            }

            var proof = log.Log.Proofs.ProveConsistency(first, second);
            return Results.Ok(new { size1 = proof.Size1, size2 = proof.Size2, hashes = proof.Hashes.Select(Convert.ToBase64String) });
        });
        audit.MapGet("/stats", async (DateTimeOffset? since, DateTimeOffset? until, AuditRuntime log, CancellationToken ct) =>
            Results.Ok(await log.StatisticsAsync(since, until, null, ct).ConfigureAwait(false)));
        audit.MapGet("/export.csv", async (HttpContext http, AuditRuntime log, CancellationToken ct) =>
        {
            // Streamed: the log may hold millions of entries; the rows go out as they are read.
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"ntk-audit.csv\"";
            var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 64 * 1024);
            await using (writer.ConfigureAwait(false))
            {
                await AuditCsv.WriteAsync(log.RowsAsync(ct), writer, ct).ConfigureAwait(false);
            }
        });

        v1.MapGet("/dashboard", async (DateTimeOffset? since, AuditRuntime log, PlatformStores stores, PrivacyCatalog catalog, CancellationToken ct) =>
        {
            var stats = await log.StatisticsAsync(since, null, null, ct).ConfigureAwait(false);
            var queue = await stores.Submissions.ListAsync(null, SubmissionStatus.Pending, ct).ConfigureAwait(false);
            return Results.Ok(Dashboard(stats, queue, catalog));
        }).WithTags("audit").RequireAuthorization(Policies.Audit);

        v1.MapGet("/apps/{appId}/overview", async (string appId, System.Security.Claims.ClaimsPrincipal caller, AuditRuntime log, PlatformStores stores, CancellationToken ct) =>
        {
            var (app, refusal) = await ReadableAppAsync(appId, caller, stores, ct).ConfigureAwait(false);
            if (refusal is not null)
            {
                return refusal;
            }

            var live = await GateEndpoints.LiveDeclarationAsync(stores, appId, ct).ConfigureAwait(false);
            var stats = await log.StatisticsAsync(null, null, appId, ct).ConfigureAwait(false);
            var outcomes = stats.ConsentEvents.ToDictionary(c => c.Name, c => c.Count, StringComparer.Ordinal);
            var answered = outcomes.GetValueOrDefault("granted") + outcomes.GetValueOrDefault("refused");
            var versions = await stores.Submissions.ListAsync(appId, null, ct).ConfigureAwait(false);
            return Results.Ok(new
            {
                appId,
                developer = app!.Developer.Name,
                status = app.Status.ToString().ToLowerInvariant(),
                liveVersion = app.LiveVersion,
                declaration = live?.Items.Select(i => new { key = i.Key, purpose = i.Purpose, necessary = i.Necessary }).ToArray() ?? [],
                consentRate = answered == 0 ? (double?)null : (double)outcomes.GetValueOrDefault("granted") / answered,
                refusalRate = answered == 0 ? (double?)null : (double)outcomes.GetValueOrDefault("refused") / answered,
                interceptions = stats.Interceptions,
                versions = versions.Select(v => new { version = v.Version, status = v.Status.ToString().ToLowerInvariant(), findings = v.Findings }),
            });
        }).WithTags("apps").RequireAuthorization(Policies.AppsRead);

        v1.MapGet("/apps/{appId}/stats", async (string appId, System.Security.Claims.ClaimsPrincipal caller, DateTimeOffset? since, AuditRuntime log, PlatformStores stores, CancellationToken ct) =>
        {
            var (_, refusal) = await ReadableAppAsync(appId, caller, stores, ct).ConfigureAwait(false);
            return refusal ?? Results.Ok(await log.StatisticsAsync(since, null, appId, ct).ConfigureAwait(false));
        }).WithTags("audit").RequireAuthorization(Policies.AppsRead);
    }

    /// <summary>The app, when <paramref name="caller"/> may read its figures (operator, auditor, owner developer); else the 404 a missing app gets.</summary>
    private static async Task<(AppRecord? App, IResult? Refusal)> ReadableAppAsync(string appId, System.Security.Claims.ClaimsPrincipal caller, PlatformStores stores, CancellationToken ct)
    {
        var owner = await stores.Owners.GetOwnerAsync(appId, ct).ConfigureAwait(false);
        if (!Access.MayReadApp(caller, owner))
        {
            return (null, Problems.NotFound("no app `" + appId + "` is visible to this key"));
        }

        var app = await stores.Declarations.GetAppAsync(appId, ct).ConfigureAwait(false);
        return app is null ? (null, Problems.NotFound("no app `" + appId + "`")) : (app, null);
    }

    internal static DashboardView Dashboard(AuditStatistics stats, IReadOnlyList<Submission> queue, PrivacyCatalog catalog) => new(
        stats.Since,
        stats.Sentence,
        new InterceptionFigures(stats.Interceptions, stats.InterceptedPrograms),
        new PromptFigures(stats.PromptsShown),
        stats.ConsentRate,
        [.. stats.Hourly.Select(p => new SeriesView(p.Start, p.Interceptions, p.Prompts))],
        [.. stats.InterceptionsByPrivacyKey.Select(c => new CountView(c.Name, c.Count))],
        [.. stats.InterceptionsByReasonCode.Select(c => new ReasonView(c.Name, ReasonName(c.Name, catalog), c.Count))],
        [.. stats.InterceptionsByProgram.Take(10).Select(c => new CountView(c.Name, c.Count))],
        [.. queue.Select(s => new QueueView(s.AppId, s.Version, s.SubmittedAt, s.Errors, s.Warnings))]);

    private static string ReasonName(string code, PrivacyCatalog catalog) =>
        catalog.TryGetReasonCode(code, out var reason) ? reason.Message : code;

}
