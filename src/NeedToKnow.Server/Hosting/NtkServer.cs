using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NeedToKnow.Core.Gate;
using NeedToKnow.Server.Auth;
using NeedToKnow.Server.Endpoints;
using NeedToKnow.Server.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace NeedToKnow.Server.Hosting;

/// <summary>The NeedToKnow service: builds the ASP.NET Core application, starts it and stops it.</summary>
public sealed class NtkServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Platform.PlatformRuntime _runtime;

    private NtkServer(WebApplication app, Platform.PlatformRuntime runtime, string? generatedOperatorKey)
    {
        _app = app;
        _runtime = runtime;
        GeneratedOperatorKey = generatedOperatorKey;
    }

    /// <summary>The operator key made at this start because none existed and none was given (or, with <see cref="ServerOptions.Demo"/>, for the demo); null otherwise. Shown once.</summary>
    public string? GeneratedOperatorKey { get; }

    private const string DemoKeyName = "operator (ntk serve --demo)";

    /// <summary>The addresses the server listens on, once started (with the real port when 0 was asked).</summary>
    public IReadOnlyList<string> Addresses =>
        [.. _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];

    /// <summary>The application's services (for tests and the demo).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The folder holding the server's secret and audit signing key.</summary>
    public string StateFolder => _runtime.StateFolder;

    /// <summary>Opens the store (migrating it), the audit log and the gate, and builds the server from <paramref name="options"/>.</summary>
    /// <param name="options">Addresses, store, limits.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The server, not yet listening.</returns>
    /// <exception cref="ArgumentException">The <c>--db</c> value is not a SQLite path or a PostgreSQL connection string.</exception>
    /// <exception cref="Core.Storage.StoreUnavailableException">The store cannot be reached.</exception>
    public static async Task<NtkServer> CreateAsync(ServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var catalog = NeedToKnow.Core.Catalog.PrivacyCatalog.Default;
        var runtime = await Platform.PlatformRuntime.OpenAsync(options, catalog, cancellationToken).ConfigureAwait(false);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "ntk" });
        builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxPackageBodyBytes;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        // A start-up failure (e.g. the port is taken) is thrown to the caller, which names it in one line
        // (`ntk serve: error: ...`); the host's own log of it is a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

        var keys = new ApiKeyStore(runtime.Store.AccessKeys);
        string? generated = null;
        if (options.OperatorKey is not null)
        {
            keys.Import(options.OperatorKey, Role.Operator, "operator (configured)");
        }
        else if (!keys.HasLive(Role.Operator))
        {
            (generated, _) = keys.Create(Role.Operator, "operator (made at first start)");
        }
        else if (options.Demo)
        {
            // The demo drives the server with an operator key and shows the dashboard with it; the earlier keys are shown
            // only once. The previous demo's key is revoked, so restarts do not pile up live operator keys.
            foreach (var old in keys.List().Where(r => !r.Revoked && r.Name == DemoKeyName))
            {
                keys.Revoke(old.Id);
            }

            (generated, _) = keys.Create(Role.Operator, DemoKeyName);
        }

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(keys);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new UserTokenService(options.UserTokenSecret ?? runtime.UserTokenSecret, TimeProvider.System));
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton(new StateMetrics(runtime.Gate, runtime.Audit.Log));
        services.AddSingleton(catalog);
        services.AddSingleton(runtime.Stores);
        services.AddSingleton(runtime.Gate);
        services.AddSingleton(runtime.Audit);
        services.AddSingleton<Platform.AccessReport>();
        services.AddSingleton<BusinessDomainCache>();
        services.AddSingleton<IReadinessProbe>(new GateReadiness(runtime.Gate));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDefaults.Customize);
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<AuditUnavailableToProblem>();
        services.AddExceptionHandler<ExceptionToProblem>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(Policies.Add);
        services.AddOpenApi("v1", o =>
        {
            var security = new OpenApiSecurity();
            o.AddDocumentTransformer(security);
            o.AddOperationTransformer(security);
        });
        services.ConfigureHttpJsonOptions(j =>
        {
            j.SerializerOptions.TypeInfoResolverChain.Insert(0, ServerJsonContext.Default);
            j.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            j.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

            // A property given twice is ambiguous (which value did the client mean?): refuse it rather than take the last.
            j.SerializerOptions.AllowDuplicateProperties = false;
        });
        services.AddOpenTelemetry().ConfigureResource(r => r.AddService("ntk", serviceVersion: typeof(NtkServer).Assembly.GetName().Version?.ToString())).WithMetrics(m => m.AddMeter(ServerMetrics.MeterName, "System.Runtime").AddPrometheusExporter());

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.Use(RouteUserId.InvokeAsync);
        app.Use((context, next) =>
        {
            // Size limit per endpoint: JSON bodies are small; batches of decisions larger; package uploads largest.
            var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (feature is { IsReadOnly: false })
            {
                var metadata = context.GetEndpoint()?.Metadata;
                feature.MaxRequestBodySize = metadata?.GetMetadata<PackageUploadMetadata>() is not null ? options.MaxPackageBodyBytes
                    : metadata?.GetMetadata<BatchBodyMetadata>() is not null ? options.MaxBatchBodyBytes
                    : options.MaxJsonBodyBytes;
            }

            return next(context);
        });
        var limiter = new KeyRateLimiter(options, app.Services.GetService<TimeProvider>() ?? TimeProvider.System);
        app.Use(limiter.InvokeAsync);
        app.UseAuthorization();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        StaticPages.Map(app);
        HealthEndpoints.Map(app);
        var v1 = app.MapGroup("/v1");
        KeyEndpoints.Map(v1);
        AppEndpoints.Map(v1);
        SubmissionEndpoints.Map(v1);
        GateEndpoints.Map(v1);
        ConsentEndpoints.Map(v1);
        AuditEndpoints.Map(v1);
        LinkEndpoints.Map(v1);
        return new NtkServer(app, runtime, generated);
    }

    /// <summary>Starts listening.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes once the server listens.</returns>
    public Task StartAsync(CancellationToken cancellationToken = default) => _app.StartAsync(cancellationToken);

    /// <summary>Waits until the host is asked to stop (Ctrl+C, SIGTERM, or <paramref name="cancellationToken"/>).</summary>
    /// <param name="cancellationToken">Stops the wait and the server.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the server, finishing requests in flight.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _runtime.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>After <see cref="DisposeAsync"/>: the gate records that could not be written before the stop (the store was unavailable), with the last error; 0 when none were lost.</summary>
    public (int Records, string? Error) UnwrittenRecords => (_runtime.Gate.PendingRecords, _runtime.Gate.LastError);

    private sealed class GateReadiness(GateService gate) : IReadinessProbe
    {
        public string? Check() => gate.IsReady ? null : "the gate is not ready: " + (gate.LastError ?? "its snapshot is stale");
    }
}
