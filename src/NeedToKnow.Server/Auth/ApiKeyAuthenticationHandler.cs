using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NeedToKnow.Server.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer KEY</c> (or <c>X-Api-Key: KEY</c>) against the hashed key store, and
/// user tokens (<c>ntku_...</c>) against <see cref="UserTokenService"/>.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    UserTokenService userTokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ntk";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (presented.StartsWith(UserTokenService.Prefix, StringComparison.Ordinal))
        {
            var userId = userTokens.Validate(presented);
            if (userId is null)
            {
                return Task.FromResult(AuthenticateResult.Fail("the user token is invalid or expired"));
            }

            return Task.FromResult(Success([
                new Claim(Claims.Role, nameof(Role.User)),
                new Claim(Claims.UserId, userId),
                new Claim(Claims.KeyId, "user:" + userId),
            ]));
        }

        // Hot path: a key seen before skips the hash and the claims; a revoked or replaced record is not current.
        if (keys.Presented.TryGetValue(presented, out var known) && keys.IsCurrent(known.Record))
        {
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(known.Principal, SchemeName)));
        }

        var record = keys.Find(presented);
        if (record is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("the api key is unknown or revoked"));
        }

        var claims = new List<Claim>
        {
            new(Claims.Role, record.Role),
            new(Claims.KeyId, record.Id),
        };
        if (record.DeveloperId is not null)
        {
            claims.Add(new Claim(Claims.DeveloperId, record.DeveloperId));
        }

        var principal = Principal(claims);
        if (keys.Presented.Count < MaxKnownKeys)
        {
            keys.Presented[presented] = (record, principal);
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    /// <summary>401 with <c>WWW-Authenticate: Bearer</c>; the status-code page's problem says why (no key, unknown or revoked key, expired token).</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        if (result.Failure is { } failure)
        {
            Context.Items[Hosting.ProblemDefaults.DetailItem] = failure.Message;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
    }

    /// <summary>The most presented keys remembered (memory only) with their principal.</summary>
    private const int MaxKnownKeys = 10_000;

    private static string? Presented(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header[7..].Trim();
        }

        var apiKey = request.Headers["X-Api-Key"].ToString();
        return apiKey.Length > 0 ? apiKey.Trim() : null;
    }

    private static AuthenticateResult Success(IEnumerable<Claim> claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(Principal(claims), SchemeName));

    private static ClaimsPrincipal Principal(IEnumerable<Claim> claims) =>
        new(new ClaimsIdentity(claims, SchemeName, Claims.KeyId, Claims.Role));
}
