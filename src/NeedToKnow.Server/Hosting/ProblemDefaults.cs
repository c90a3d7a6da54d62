using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NeedToKnow.Server.Auth;

namespace NeedToKnow.Server.Hosting;

/// <summary>
/// Makes every problem the framework writes by itself (status-code pages for 401, 403, 404 and 405; exceptions) an
/// NTK problem: <c>type</c> <c>urn:ntk:problem:KIND</c> instead of the RFC 9110 section link, a lowercase title and a
/// one-line <c>detail</c> saying what to do. Problems the endpoints write keep their own type and detail.
/// </summary>
internal static class ProblemDefaults
{
    /// <summary>An <see cref="HttpContext.Items"/> key: a detail for the status-code page of this request (the authentication handler puts why a key was refused there).</summary>
    public const string DetailItem = "ntk.problem.detail";

    /// <summary>The problem kind (the last part of its type) for an HTTP status.</summary>
    public static string Kind(int status) => status switch
    {
        400 => "bad-request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        409 => "conflict",
        413 => "too-large",
        415 => "unsupported-media-type",
        422 => "invalid",
        429 => "rate-limited",
        500 => "internal",
        503 => "unavailable",
        _ => "http-" + status.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>For <c>AddProblemDetails</c>: fills in type, title and detail where the framework left its defaults.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type is not null && !problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
        {
            return;
        }

        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var kind = Kind(status);
        problem.Type = "urn:ntk:problem:" + kind;
        problem.Title = kind.Replace('-', ' ');
        problem.Detail ??= Detail(context.HttpContext, status);
    }

    private static string Detail(HttpContext http, int status)
    {
        if (http.Items.TryGetValue(DetailItem, out var given) && given is string text)
        {
            return text;
        }

        var call = "`" + http.Request.Method + " " + Shown(http.Request.Path.Value) + "`";
        return status switch
        {
            401 => "this endpoint needs an API key or a user token (`Authorization: Bearer KEY`)",
            403 => Forbidden(http, call),
            413 => TooLarge(http),
            415 => UnsupportedMediaType(http),
            404 => "no endpoint at " + call + "; the API is described at /openapi/v1.json",
            405 => "`" + http.Request.Method + "` is not allowed on `" + Shown(http.Request.Path.Value) + "`"
                + (http.Response.Headers.Allow.Count > 0 ? "; allowed: " + string.Join(", ", http.Response.Headers.Allow.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(m => "`" + m + "`")) : ""),
            _ => "the request failed with HTTP " + status.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The detail of a 413: the endpoint's body limit in bytes.</summary>
    public static string TooLarge(HttpContext http) =>
        "the request body is over this endpoint's limit of "
        + (http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit ? limit.ToString("N0", CultureInfo.InvariantCulture) + " bytes" : "its size");

    /// <summary>The detail of a 415: the media type the endpoint reads.</summary>
    public static string UnsupportedMediaType(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<PackageUploadMetadata>() is not null ? "the body must be `multipart/form-data`" : "the body must be `application/json`";

    // Which roles the endpoint's policy admits, from the policy itself (Auth/Policies.cs).
    private static string Forbidden(HttpContext http, string call)
    {
        var role = Claims.RoleOf(http.User)?.ToString().ToLowerInvariant() ?? "none";
        var options = http.RequestServices.GetService<IOptions<AuthorizationOptions>>()?.Value;
        var roles = http.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(a => a.Policy is null ? null : options?.GetPolicy(a.Policy))
            .SelectMany(p => p?.Requirements.OfType<ClaimsAuthorizationRequirement>() ?? [])
            .Where(r => r.ClaimType == Claims.Role)
            .SelectMany(r => r.AllowedValues ?? [])
            .Select(v => v.ToLowerInvariant())
            .Distinct()
            .ToList();
        return roles is { Count: > 0 }
            ? call + " is for the " + string.Join(" or ", roles) + " role; this key's role is " + role
            : "this key's role (" + role + ") may not call " + call;
    }

    // A path as shown in a one-line detail: at most 200 characters, control characters replaced.
    private static string Shown(string? path)
    {
        var text = path ?? "/";
        text = text.Length > 200 ? text[..200] + "…" : text;
        return string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '\uFFFD' : source[i];
            }
        });
    }
}
