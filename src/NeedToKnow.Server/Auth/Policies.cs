using Microsoft.AspNetCore.Authorization;

namespace NeedToKnow.Server.Auth;

/// <summary>The authorization policies: which roles may call which group of endpoints. Default deny.</summary>
internal static class Policies
{
    public const string Operator = "operator";
    public const string Host = "host";
    public const string Apps = "apps";
    public const string Audit = "audit";
    public const string AppsRead = "apps-read";
    public const string UserData = "user-data";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Operator, p => p.RequireClaim(Claims.Role, nameof(Role.Operator)));
        options.AddPolicy(Host, p => p.RequireClaim(Claims.Role, nameof(Role.Operator), nameof(Role.Host)));
        options.AddPolicy(Apps, p => p.RequireClaim(Claims.Role, nameof(Role.Operator), nameof(Role.Developer)));
        options.AddPolicy(AppsRead, p => p.RequireClaim(Claims.Role, nameof(Role.Operator), nameof(Role.Developer), nameof(Role.Auditor)));
        options.AddPolicy(Audit, p => p.RequireClaim(Claims.Role, nameof(Role.Operator), nameof(Role.Auditor)));
        options.AddPolicy(UserData, p => p.RequireClaim(Claims.Role, nameof(Role.Operator), nameof(Role.Host), nameof(Role.User)));

        // Default deny: an endpoint with no policy still needs an authenticated caller.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
