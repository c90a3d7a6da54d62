using Microsoft.Extensions.DependencyInjection;

namespace NeedToKnow.Server.Endpoints;

/// <summary>Liveness and readiness probes (anonymous; they carry no data).</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" })).AllowAnonymous().WithTags("health");
        app.MapGet("/readyz", (IServiceProvider services) =>
        {
            foreach (var probe in services.GetServices<IReadinessProbe>())
            {
                var problem = probe.Check();
                if (problem is not null)
                {
                    return Results.Json(new { status = "unavailable", reason = problem }, statusCode: 503);
                }
            }

            return Results.Ok(new { status = "ready" });
        }).AllowAnonymous().WithTags("health");
    }
}
