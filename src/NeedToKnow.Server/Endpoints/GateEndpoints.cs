using System.Diagnostics;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Consent;
using NeedToKnow.Core.Diagnostics;
using NeedToKnow.Core.Gate;
using NeedToKnow.Server.Auth;
using NeedToKnow.Server.Hosting;
using NeedToKnow.Server.Platform;
using NeedToKnow.Server.Telemetry;

namespace NeedToKnow.Server.Endpoints;

/// <summary>The gate over HTTP (host role): decide one request or a batch, and report the user's answer to a prompt.</summary>
internal static class GateEndpoints
{
    /// <summary>The most requests one batch may hold.</summary>
    public const int MaxBatch = 10_000;

    // Optional fields have defaults, so the OpenAPI schema lists only appId, userId and target as required.
    public sealed record DecideRequest(string? AppId, string? UserId, string? Target, bool UserGesture = false, DateTimeOffset? Time = null);

    public sealed record BatchRequest(IReadOnlyList<DecideRequest>? Requests);

    public sealed record PromptView(string Kind, string Key, string Purpose, string Developer, string? Scope, bool SeparateConsent, bool Necessary, int DeclarationVersion);

    public sealed record DecisionView(string DecisionId, string Kind, int Reason, string ReasonName, string DecidedBy, string Detail, string? Key, int DeclarationVersion, PromptView? Prompt, string? Error);

    public sealed record BatchView(IReadOnlyList<DecisionView> Decisions);

    public sealed record AnswerRequest(string? AppId, string? UserId, string? Kind, bool Granted, IReadOnlyList<string>? Keys = null, string? Scope = null, DateTimeOffset? Time = null, string? Method = null);

    public static void Map(RouteGroupBuilder v1)
    {
        var gate = v1.MapGroup("/gate").WithTags("gate").RequireAuthorization(Policies.Host);
        gate.MapPost("/decide", Decide).Accepts<DecideRequest>("application/json").Produces<DecisionView>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(413).ProducesProblem(415);
        gate.MapPost("/decide-batch", DecideBatch).WithMetadata(BatchBodyMetadata.Instance).Produces<BatchView>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(413).ProducesProblem(415);
        gate.MapPost("/answers", AnswerAsync).Produces<ConsentEndpoints.AppConsentView>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(413).ProducesProblem(415);
    }

    // The hot path: the body is read whole (it is at most the JSON size limit, enforced by Kestrel) and parsed with a
    // Utf8JsonReader (DecideBody), with no model binding; the decision is written straight into the response.
    private static async Task<IResult> Decide(HttpContext context, GateService gate, ServerMetrics metrics, AccessReport report, TimeProvider time, ServerOptions options)
    {
        if (!context.Request.HasJsonContentType())
        {
            return Results.Problem(statusCode: 415, title: "unsupported media type", detail: "the body must be `application/json`", type: "urn:ntk:problem:unsupported-media-type");
        }

        var reader = context.Request.BodyReader;
        System.IO.Pipelines.ReadResult read;
        while (true)
        {
            // A small body has usually arrived with the head: no await then.
            if (!reader.TryRead(out read))
            {
                read = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            }

            if (read.IsCompleted || read.IsCanceled)
            {
                break;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }

        DecideRequest request;
        string? error;
        try
        {
            error = DecideBody.TryParse(read.Buffer, out request);
        }
        finally
        {
            reader.AdvanceTo(read.Buffer.End);
        }

        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        var problem = Check(request, time, options.MaxClockSkew);
        if (problem is not null)
        {
            return Problems.BadRequest(problem);
        }

        var started = Stopwatch.GetTimestamp();
        var decision = DecideOne(request, gate, report, time);
        metrics.Count(decision);
        metrics.DecisionLatency.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return DecisionJson.One(in decision);
    }

    private static IResult DecideBatch(BatchRequest batch, GateService gate, ServerMetrics metrics, AccessReport report, TimeProvider time, ServerOptions options)
    {
        if (batch.Requests is null || batch.Requests.Count == 0 || batch.Requests.Count > MaxBatch)
        {
            return Problems.BadRequest("`requests` must hold 1 to " + MaxBatch + " requests");
        }

        for (var i = 0; i < batch.Requests.Count; i++)
        {
            var problem = Check(batch.Requests[i], time, options.MaxClockSkew);
            if (problem is not null)
            {
                return Problems.BadRequest("requests[" + i + "]: " + problem);
            }
        }

        var started = Stopwatch.GetTimestamp();
        var decisions = new GateDecision[batch.Requests.Count];
        var requests = new GateRequest[decisions.Length];
        for (var i = 0; i < requests.Length; i++)
        {
            requests[i] = ToGateRequest(batch.Requests[i], time);
        }

        gate.DecideBatch(requests, decisions);
        for (var i = 0; i < requests.Length; i++)
        {
            Record(report, in requests[i], in decisions[i]);
        }

        metrics.Count(decisions);
        metrics.DecisionLatency.Record(Stopwatch.GetElapsedTime(started).TotalSeconds / decisions.Length);
        return DecisionJson.Many(decisions);
    }

    private static async Task<IResult> AnswerAsync(AnswerRequest answer, GateService gate, PlatformStores stores, AuditRuntime audit, PrivacyCatalog catalog, TimeProvider time, ServerOptions options, CancellationToken ct)
    {
        var invalid = Inputs.AppId(answer.AppId) ?? Inputs.UserId(answer.UserId)
            ?? answer.Keys?.Select((k, i) => Inputs.Name(k, "keys[" + i + "]", "a privacy key")).FirstOrDefault(e => e is not null)
            ?? (answer.Scope is null ? null : Inputs.Name(answer.Scope, "scope", "a scope"))
            ?? Inputs.Time(answer.Time, time.GetUtcNow(), options.MaxClockSkew);
        if (invalid is not null)
        {
            return Problems.BadRequest(invalid);
        }

        string appId = answer.AppId!, userId = answer.UserId!;
        if (answer.Kind is not ("declaration" or "scope" or "settings"))
        {
            return Problems.BadRequest("`kind` must be `declaration`, `scope` or `settings`");
        }

        var allowed = AnswerMethods[answer.Kind];
        var method = answer.Method is null ? allowed[0] : allowed.FirstOrDefault(m => string.Equals(m.ToString(), answer.Method, StringComparison.OrdinalIgnoreCase));
        if (method == default)
        {
            var names = allowed.Select(m => "`" + m + "`").ToArray();
            var list = names.Length == 1 ? names[0] : string.Join(", ", names[..^1]) + " or " + names[^1];
            return Problems.BadRequest("`method` of a `" + answer.Kind + "` answer must be " + list + " (any case; default `" + allowed[0] + "`)");
        }

        if (await stores.Declarations.GetAppAsync(appId, ct).ConfigureAwait(false) is null)
        {
            return Problems.NotFound("no app `" + appId + "`");
        }

        // Every check is done before anything is written: a refused answer leaves the ledger and the audit log as they were.
        var when = answer.Time ?? time.GetUtcNow();
        ConsentEvent consentEvent;
        if (answer.Kind == "declaration")
        {
            var live = await LiveDeclarationAsync(stores, appId, ct).ConfigureAwait(false);
            if (live is null)
            {
                return Problems.NotFound("app `" + appId + "` has no live declaration");
            }

            // No keys (or `[]`) is the whole popup: the user agreed to (or refused) every item of the declaration shown.
            var keys = answer.Keys is { Count: > 0 } ? answer.Keys : [.. live.Items.Select(i => i.Key)];
            var items = new List<ConsentItem>(keys.Count);
            foreach (var key in keys)
            {
                var item = live.Items.FirstOrDefault(i => i.Key == key);
                if (item is null)
                {
                    return Problems.BadRequest("privacy key `" + key + "` is not in the live declaration of `" + appId + "`");
                }

                if (items.Any(i => i.Key == key))
                {
                    return Problems.BadRequest("privacy key `" + key + "` is named twice in `keys`");
                }

                items.Add(new ConsentItem(key, PurposeHash.Of(item.Purpose)));
            }

            consentEvent = new ConsentEvent(Guid.NewGuid(), answer.Granted ? ConsentEventKind.DeclarationGranted : ConsentEventKind.DeclarationRefused, userId, appId, when, live.Version, items, null, method);
        }
        else
        {
            if (answer.Scope is null)
            {
                return Problems.BadRequest("a `" + answer.Kind + "` answer needs `scope`");
            }

            if (!catalog.TryGetScope(answer.Scope, out _))
            {
                var closest = FuzzyMatch.Closest(answer.Scope, catalog.Scopes.Select(c => c.Id));
                return Problems.BadRequest("`scope` `" + answer.Scope + "` is not a scope of the catalog" + (closest is null ? "" : "; did you mean `" + closest + "`?"));
            }

            var kind = answer.Kind == "scope"
                ? answer.Granted ? ConsentEventKind.ScopeGranted : ConsentEventKind.ScopeRefused
                : answer.Granted ? ConsentEventKind.ScopeReEnabled : ConsentEventKind.ScopeRefused;
            consentEvent = new ConsentEvent(Guid.NewGuid(), kind, userId, appId, when, 0, [], answer.Scope, method);
        }

        var state = await gate.RecordConsentAsync(consentEvent, ct).ConfigureAwait(false);
        await audit.AppendConsentAsync(consentEvent, ct).ConfigureAwait(false);
        return Results.Ok(ConsentEndpoints.View(state, consentEvent.EventId));
    }

    internal static async Task<DeclarationVersion?> LiveDeclarationAsync(PlatformStores stores, string appId, CancellationToken ct)
    {
        return await stores.Declarations.GetLiveVersionAsync(appId, ct).ConfigureAwait(false);
    }

    internal static GateDecision DecideOne(DecideRequest request, GateService gate, AccessReport report, TimeProvider time)
    {
        var gateRequest = ToGateRequest(request, time);
        var decision = gate.Decide(in gateRequest);
        Record(report, in gateRequest, in decision);
        return decision;
    }

    /// <summary>A checked request (<see cref="Check"/>) as the gate takes it; no time means now.</summary>
    private static GateRequest ToGateRequest(DecideRequest r, TimeProvider time) =>
        new(r.AppId!, r.UserId!, r.Target!, r.UserGesture, r.Time ?? time.GetUtcNow());

    /// <summary>The decision in the user's privacy report.</summary>
    private static void Record(AccessReport report, in GateRequest request, in GateDecision decision) =>
        report.Record(request.UserId, request.AppId, decision.Key ?? request.Target, decision.Kind, request.Time);

    internal static DecisionView View(in GateDecision d) => new(
        d.Id.ToString(),
        d.Kind.ToString().ToLowerInvariant(),
        (int)d.Reason,
        d.Reason.ToString(),
        d.DecidedBy.ToString(),
        d.Detail.ToString(),
        d.Key,
        d.DeclarationVersion,
        d.Prompt is { } p ? new PromptView(p.Kind.ToString(), p.Key, p.Purpose, p.DeveloperName, p.Scope, p.SeparateConsent, p.Necessary, p.DeclarationVersion) : null,
        d.Error);

    /// <summary>What is wrong with one decide request (the rules of <see cref="Inputs"/>), or null.</summary>
    private static string? Check(DecideRequest? r, TimeProvider time, TimeSpan skew) => r is null
        ? "a request is null"
        : Inputs.AppId(r.AppId) ?? Inputs.UserId(r.UserId) ?? Inputs.Name(r.Target, "target", "a privacy API or privacy key")
            ?? (r.Time is null ? null : Inputs.Time(r.Time, time.GetUtcNow(), skew));

    /// <summary>The methods an answer of each kind may name; the first is the default.</summary>
    private static readonly Dictionary<string, ConsentMethod[]> AnswerMethods = new(StringComparer.Ordinal)
    {
        ["declaration"] = [ConsentMethod.PrivacyPopup, ConsentMethod.SeparatePopup, ConsentMethod.Api],
        // A scope prompt for a sensitive item says `separateConsent` too; hosts (ntk simulate among them) answer it so.
        ["scope"] = [ConsentMethod.ScopePopup, ConsentMethod.SeparatePopup, ConsentMethod.Api],
        ["settings"] = [ConsentMethod.Settings],
    };
}
