using NeedToKnow.Server.Auth;
using NeedToKnow.Server.Hosting;

namespace NeedToKnow.Server.Endpoints;

/// <summary>API keys (operator only) and user tokens (issued to the host for a user).</summary>
internal static class KeyEndpoints
{
    public sealed record CreateKeyRequest(Role Role, string? Name, string? DeveloperId);

    public sealed record CreatedKey(string Id, Role Role, string? DeveloperId, string Key);

    public sealed record UserTokenRequest(int? LifetimeSeconds);

    public static void Map(RouteGroupBuilder v1)
    {
        var keys = v1.MapGroup("/keys").RequireAuthorization(Policies.Operator).WithTags("keys");
        keys.MapPost("/", (CreateKeyRequest request, ApiKeyStore store) =>
        {
            if (request.Role == Role.User)
            {
                return Problems.BadRequest("user access is by user token, not by api key", "ask for a token at `POST /v1/users/{userId}/token` with a host key");
            }

            if (request.Role == Role.Developer && string.IsNullOrWhiteSpace(request.DeveloperId))
            {
                return Problems.BadRequest("a developer key needs `developerId`");
            }

            var (key, record) = store.Create(request.Role, request.Name ?? request.Role.ToString().ToLowerInvariant(), request.Role == Role.Developer ? request.DeveloperId : null);
            return Results.Created("/v1/keys/" + record.Id, new CreatedKey(record.Id, request.Role, record.DeveloperId, key));
        });
        keys.MapGet("/", (ApiKeyStore store) =>
            Results.Ok(store.List().Select(r => new { r.Id, r.Role, r.DeveloperId, r.Name, r.CreatedAt, r.Revoked })));
        keys.MapDelete("/{id}", (string id, ApiKeyStore store) =>
            store.Revoke(id) ? Results.NoContent() : Problems.NotFound("no live key `" + id + "`"));

        v1.MapPost("/users/{userId}/token", (string userId, UserTokenRequest? request, UserTokenService tokens) =>
        {
            var lifetime = TimeSpan.FromSeconds(request?.LifetimeSeconds ?? 900);
            if (lifetime <= TimeSpan.Zero || lifetime > UserTokenService.MaxLifetime)
            {
                return Problems.BadRequest("`lifetimeSeconds` must be between 1 and 3600");
            }

            var invalid = Inputs.UserId(userId) ?? (userId.Contains('|', StringComparison.Ordinal) ? "`userId` must not contain `|` in a user token" : null);
            if (invalid is not null)
            {
                return Problems.BadRequest(invalid);
            }

            var (token, expires) = tokens.Issue(userId, lifetime);
            return Results.Ok(new { token, expiresAt = expires });
        }).RequireAuthorization(Policies.Host).WithTags("users");
    }
}
