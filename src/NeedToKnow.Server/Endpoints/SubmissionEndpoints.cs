using System.Security.Claims;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Declarations;
using NeedToKnow.Core.Diagnostics;
using NeedToKnow.Core.Gate;
using NeedToKnow.Core.Submissions;
using NeedToKnow.Review;
using NeedToKnow.Review.Packages;
using NeedToKnow.Server.Auth;
using NeedToKnow.Server.Hosting;
using NeedToKnow.Server.Platform;

namespace NeedToKnow.Server.Endpoints;

/// <summary>
/// Submitting a version (declaration + package .zip; the developer who owns the app, or the operator), the review
/// queue, and the operator's verdict. A submission runs declaration validation and the package review; approving
/// it makes its declaration live (DESIGN.md "How data flows", 1).
/// </summary>
internal static class SubmissionEndpoints
{
    private const string UploadedPart = "the uploaded part `package`";

    private static readonly SemaphoreSlim VerdictLock = new(1, 1);

    public sealed record VerdictRequest(string? Reason);

    public sealed record SubmissionView(
        string AppId,
        int Version,
        string Status,
        DateTimeOffset SubmittedAt,
        int Errors,
        int Warnings,
        IReadOnlyList<string> DetectedKeys,
        IReadOnlyList<SubmissionFinding> Findings,
        int PackageFiles,
        long PackageBytes,
        DateTimeOffset? DecidedAt,
        string? Reason);

    public static void Map(RouteGroupBuilder v1)
    {
        var versions = v1.MapGroup("/apps/{appId}/versions").WithTags("submissions");
        versions.MapPost("/", SubmitAsync).RequireAuthorization(Policies.Apps).DisableAntiforgery().WithMetadata(PackageUploadMetadata.Instance);
        versions.MapGet("/", ListAsync).RequireAuthorization(Policies.Apps);
        versions.MapGet("/{version:int}", GetAsync).RequireAuthorization(Policies.Apps);
        versions.MapPost("/{version:int}/approve", (string appId, int version, VerdictRequest? body, ClaimsPrincipal caller, PlatformStores stores, GateService gate, AuditRuntime audit, TimeProvider time, CancellationToken ct) =>
            DecideAsync(appId, version, SubmissionStatus.Approved, body?.Reason, caller, stores, gate, audit, time, ct)).RequireAuthorization(Policies.Operator);
        versions.MapPost("/{version:int}/reject", (string appId, int version, VerdictRequest? body, ClaimsPrincipal caller, PlatformStores stores, GateService gate, AuditRuntime audit, TimeProvider time, CancellationToken ct) =>
            DecideAsync(appId, version, SubmissionStatus.Rejected, body?.Reason, caller, stores, gate, audit, time, ct)).RequireAuthorization(Policies.Operator);
        v1.MapGet("/review-queue", async (PlatformStores stores, CancellationToken ct) =>
            Results.Ok((await stores.Submissions.ListAsync(null, SubmissionStatus.Pending, ct).ConfigureAwait(false)).Select(View)))
            .RequireAuthorization(Policies.Operator).WithTags("submissions");
    }

    internal static SubmissionView View(Submission s) => new(
        s.AppId, s.Version, s.Status.ToString().ToLowerInvariant(), s.SubmittedAt, s.Errors, s.Warnings, s.DetectedKeys, s.Findings, s.PackageFiles, s.PackageBytes, s.DecidedAt, s.Reason);

    private static async Task<IResult> SubmitAsync(string appId, HttpRequest http, ClaimsPrincipal caller, PlatformStores stores, PrivacyCatalog catalog, TimeProvider time, CancellationToken ct)
    {
        var (app, _, refusal) = await AppEndpoints.FindAsync(appId, caller, stores, ct).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!http.HasFormContentType)
        {
            return Problems.BadRequest("a submission is `multipart/form-data` with the parts `declaration` (privacy.json) and `package` (a .zip)");
        }

        var form = await http.ReadFormAsync(ct).ConfigureAwait(false);
        var declarationPart = form.Files.GetFile("declaration");
        var packagePart = form.Files.GetFile("package");
        if (declarationPart is null || packagePart is null)
        {
            return Problems.BadRequest("a submission needs the parts `declaration` (privacy.json) and `package` (a .zip)");
        }

        var declarationBytes = new byte[declarationPart.Length];
        await using (var stream = declarationPart.OpenReadStream())
        {
            await stream.ReadExactlyAsync(declarationBytes, ct).ConfigureAwait(false);
        }

        var validation = DeclarationValidator.Validate(declarationBytes, "privacy.json", catalog);
        if (!validation.IsReadable || validation.Declaration is null)
        {
            return Problems.Invalid("the declaration could not be read", validation.Diagnostics);
        }

        var declaration = validation.Declaration;
        if (declaration.AppId != appId)
        {
            return Problems.BadRequest("the declaration is for app `" + declaration.AppId + "`, not `" + appId + "`", "set `appId` in privacy.json to `" + appId + "`");
        }

        // Review the package from a private temp file: the reader applies its own limits (entries, ratio, sizes, paths).
        // Messages name the uploaded part, never the temp file's path.
        var temp = Path.Combine(Path.GetTempPath(), "ntk-upload-" + Guid.NewGuid().ToString("N") + ".zip");
        string Hide(string text) => text.Replace("`" + temp + "`", UploadedPart, StringComparison.Ordinal).Replace(temp, UploadedPart, StringComparison.Ordinal);
        Review.Reports.ReviewReport report;
        try
        {
            await using (var file = File.Create(temp))
            {
                await packagePart.CopyToAsync(file, ct).ConfigureAwait(false);
            }

            var package = PackageReader.Read(temp);
            report = PackageReviewer.Review(package, validation, catalog);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return Problems.BadRequest("the package could not be read: " + Hide(e.Message.Split('\n')[0].TrimEnd('.')), "upload a .zip of the mini-program folder (app.json at its root or under `miniprogramRoot`)");
        }
        finally
        {
            File.Delete(temp);
        }

        // The review's findings include the declaration's validation problems (NTK-DECL-*).
        var findings = report.Findings.Select(f => new SubmissionFinding(f.RuleId, Severity(f.Severity), Hide(f.Message), f.Key, f.File is null ? null : Hide(f.File), f.Line, f.Column))
            .OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ToArray();

        // A package the reviewer could not read whole (not a zip, entries escaping the root, a zip bomb, a reviewer
        // limit) is refused here: nothing is stored, so it never reaches the review queue.
        var unreviewable = Unreviewable(findings);
        if (unreviewable.Count > 0)
        {
            return Results.Problem(
                statusCode: 400,
                title: "bad request",
                detail: "the package could not be reviewed (" + string.Join(", ", unreviewable.Select(f => f.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)) + "): " + unreviewable[0].Message
                    + (unreviewable.Count > 1 ? " (and " + (unreviewable.Count - 1) + " more)" : ""),
                type: "urn:ntk:problem:bad-request",
                extensions: new Dictionary<string, object?>
                {
                    ["help"] = "upload a .zip of the mini-program folder (app.json at its root or under `miniprogramRoot`) within the reviewer's limits; `ntk review` shows the same findings",
                    ["findings"] = unreviewable,
                });
        }

        var previous = 0;
        await foreach (var v in stores.Declarations.GetVersionsAsync(appId, ct).ConfigureAwait(false))
        {
            previous = Math.Max(previous, v.Version);
        }

        var now = time.GetUtcNow();
        var version = new DeclarationVersion(
            appId,
            previous + 1,
            [.. declaration.Items.Select(i => new DeclaredItem(i.Key, i.Purpose, i.Necessary))],
            declaration.ServiceCategory,
            now,
            System.Text.Encoding.UTF8.GetString(declarationBytes));
        await stores.Declarations.AddVersionAsync(version, ct).ConfigureAwait(false);
        var submission = new Submission(
            appId,
            version.Version,
            now,
            validation.IsValid ? SubmissionStatus.Pending : SubmissionStatus.Invalid,
            findings,
            [.. report.Detected.Select(d => d.Key)],
            report.Package.Files,
            report.Package.Bytes);
        await stores.Submissions.AddAsync(submission, ct).ConfigureAwait(false);
        _ = app;
        return Results.Created("/v1/apps/" + appId + "/versions/" + version.Version, View(submission));
    }

    private static async Task<IResult> ListAsync(string appId, ClaimsPrincipal caller, PlatformStores stores, CancellationToken ct)
    {
        var (_, _, refusal) = await AppEndpoints.FindAsync(appId, caller, stores, ct).ConfigureAwait(false);
        return refusal ?? Results.Ok((await stores.Submissions.ListAsync(appId, null, ct).ConfigureAwait(false)).Select(View));
    }

    private static async Task<IResult> GetAsync(string appId, int version, ClaimsPrincipal caller, PlatformStores stores, CancellationToken ct)
    {
        var (_, _, refusal) = await AppEndpoints.FindAsync(appId, caller, stores, ct).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var submission = await stores.Submissions.GetAsync(appId, version, ct).ConfigureAwait(false);
        return submission is null ? Problems.NotFound("app `" + appId + "` has no version " + version) : Results.Ok(View(submission));
    }

    private static async Task<IResult> DecideAsync(string appId, int version, SubmissionStatus verdict, string? reason, ClaimsPrincipal caller, PlatformStores stores, GateService gate, AuditRuntime audit, TimeProvider time, CancellationToken ct)
    {
        // One verdict at a time in this process, so two approvals cannot both pass the "newer than live" check.
        await VerdictLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await DecideLockedAsync(appId, version, verdict, reason, caller, stores, gate, audit, time, ct).ConfigureAwait(false);
        }
        finally
        {
            VerdictLock.Release();
        }
    }

    private static async Task<IResult> DecideLockedAsync(string appId, int version, SubmissionStatus verdict, string? reason, ClaimsPrincipal caller, PlatformStores stores, GateService gate, AuditRuntime audit, TimeProvider time, CancellationToken ct)
    {
        var (app, _, refusal) = await AppEndpoints.FindAsync(appId, caller, stores, ct).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (verdict == SubmissionStatus.Rejected && string.IsNullOrWhiteSpace(reason))
        {
            return Problems.BadRequest("a rejection needs a `reason` the developer can act on");
        }

        var current = await stores.Submissions.GetAsync(appId, version, ct).ConfigureAwait(false);
        if (current is null)
        {
            return Problems.NotFound("app `" + appId + "` has no version " + version);
        }

        if (current.Status != SubmissionStatus.Pending)
        {
            return Problems.Conflict("version " + version + " of app `" + appId + "` is " + current.Status.ToString().ToLowerInvariant() + ", not pending (invalid, decided and superseded versions cannot be decided again)");
        }

        if (verdict == SubmissionStatus.Approved)
        {
            // A package the reviewer could not read whole was never reviewed: it may only be rejected.
            var unreviewable = Unreviewable(current.Findings);
            if (unreviewable.Count > 0)
            {
                return Problems.Conflict("version " + version + " of app `" + appId + "` cannot be approved: its package could not be reviewed ("
                    + string.Join(", ", unreviewable.Select(f => f.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)) + "); it may only be rejected");
            }

            // Approval never rolls an app back to an older declaration.
            if (app!.LiveVersion is { } live && version <= live)
            {
                return Problems.Conflict("version " + live + " is live; version " + version + " is older");
            }
        }

        var now = time.GetUtcNow();
        var decided = await stores.Submissions.DecideAsync(appId, version, verdict, reason, now, ct).ConfigureAwait(false);
        if (decided is null)
        {
            return Problems.Conflict("version " + version + " of app `" + appId + "` was decided meanwhile");
        }

        if (verdict == SubmissionStatus.Approved)
        {
            await stores.Declarations.UpsertAppAsync(app! with { LiveVersion = version, Status = app.Status == AppStatus.Banned ? AppStatus.Banned : AppStatus.Live }, ct).ConfigureAwait(false);
            await audit.AppendAsync(new Core.Audit.AuditEntry(Core.Audit.AuditEntryKind.DeclarationPublished, now, appId, "", "", "", version.ToString(System.Globalization.CultureInfo.InvariantCulture), version.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct).ConfigureAwait(false);
            await gate.RefreshAsync(ct).ConfigureAwait(false);

            // Older pending versions can no longer be approved: they are superseded and leave the review queue.
            foreach (var older in await stores.Submissions.ListAsync(appId, SubmissionStatus.Pending, ct).ConfigureAwait(false))
            {
                if (older.Version < version)
                {
                    await stores.Submissions.DecideAsync(appId, older.Version, SubmissionStatus.Superseded, "superseded by version " + version, now, ct).ConfigureAwait(false);
                }
            }
        }

        return Results.Ok(View(decided));
    }

    /// <summary>The package-level errors (<c>NTK-PKG-*</c> with severity error): the package could not be reviewed whole.</summary>
    internal static IReadOnlyList<SubmissionFinding> Unreviewable(IEnumerable<SubmissionFinding> findings) =>
        [.. findings.Where(f => f.Severity == "error" && f.RuleId.StartsWith("NTK-PKG-", StringComparison.Ordinal))];

    private static string Severity(DiagnosticSeverity s) => s switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };
}
