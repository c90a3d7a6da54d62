using NeedToKnow.Core.Diagnostics;

namespace NeedToKnow.Server.Hosting;

/// <summary>RFC 9457 problem details for every error the API returns (type URIs under <c>urn:ntk:problem:</c>).</summary>
internal static class Problems
{
    public static IResult NotFound(string what) =>
        Results.Problem(statusCode: 404, title: "not found", detail: what, type: "urn:ntk:problem:not-found");

    public static IResult Forbidden(string why) =>
        Results.Problem(statusCode: 403, title: "forbidden", detail: why, type: "urn:ntk:problem:forbidden");

    public static IResult Conflict(string why) =>
        Results.Problem(statusCode: 409, title: "conflict", detail: why, type: "urn:ntk:problem:conflict");

    public static IResult BadRequest(string why, string? help = null) =>
        Results.Problem(
            statusCode: 400,
            title: "bad request",
            detail: why,
            type: "urn:ntk:problem:bad-request",
            extensions: help is null ? null : new Dictionary<string, object?> { ["help"] = help });

    public static IResult Invalid(string why, IReadOnlyList<Diagnostic> diagnostics) =>
        Results.Problem(
            statusCode: 422,
            title: "invalid input",
            detail: why,
            type: "urn:ntk:problem:invalid",
            extensions: new Dictionary<string, object?> { ["diagnostics"] = diagnostics });

    public static IResult Unavailable(string why, int retryAfterSeconds) =>
        Results.Problem(
            statusCode: 503,
            title: "unavailable",
            detail: why,
            type: "urn:ntk:problem:unavailable",
            extensions: new Dictionary<string, object?> { ["retryAfter"] = retryAfterSeconds });
}
