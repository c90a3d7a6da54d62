using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing.Patterns;

namespace NeedToKnow.Server.Hosting;

/// <summary>
/// Decodes the <c>{userId}</c> route value of every endpoint that has one (<c>/v1/users/{userId}/...</c>), once, in one
/// place. Kestrel decodes every escape in the path except <c>%2F</c> (an encoded <c>/</c> must not split a segment), so
/// the route value of <c>a%2Fb</c> is the text <c>a%2Fb</c>, and that of <c>a%252Fb</c> is the same text. The value is
/// therefore taken from the raw request target and decoded with <see cref="Uri.UnescapeDataString(string)"/>:
/// <c>a%2Fb</c> is the user <c>a/b</c> and <c>a%252Fb</c> the user <c>a%2Fb</c>.
/// </summary>
internal static class RouteUserId
{
    public const string Name = "userId";

    /// <summary>The middleware (after routing, before the endpoint).</summary>
    public static Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        // Only a value with an escape left in it needs the raw target: one dictionary read on every other request.
        if (context.Request.RouteValues.TryGetValue(Name, out var value) && value is string text && text.Contains('%', StringComparison.Ordinal))
        {
            context.Request.RouteValues[Name] = Decode(context, text);
        }

        return next(context);
    }

    private static string Decode(HttpContext context, string routeValue)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern;
        var index = pattern?.PathSegments.ToList().FindIndex(s => s.Parts is [RoutePatternParameterPart { Name: Name }]) ?? -1;
        if (raw is null || !raw.StartsWith('/') || index < 0)
        {
            return Uri.UnescapeDataString(routeValue);
        }

        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var segments = (query < 0 ? raw : raw[..query])[1..].Split('/');
        // A raw path with dot segments or empty segments was normalised before routing: its segments do not line up.
        return segments.Length == pattern!.PathSegments.Count && !segments.Any(s => s is "" or "." or "..")
            ? Uri.UnescapeDataString(segments[index])
            : Uri.UnescapeDataString(routeValue);
    }
}
