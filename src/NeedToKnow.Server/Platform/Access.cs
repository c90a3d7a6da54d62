using System.Security.Claims;
using NeedToKnow.Server.Auth;

namespace NeedToKnow.Server.Platform;

/// <summary>Who may see which app: the operator every app, a developer only the apps it owns (DESIGN.md "Security").</summary>
internal static class Access
{
    /// <summary>Whether <paramref name="caller"/> may read and submit for an app owned by <paramref name="owner"/>.</summary>
    public static bool MayUseApp(ClaimsPrincipal caller, string? owner) => Claims.RoleOf(caller) switch
    {
        Role.Operator => owner is not null,
        Role.Developer => owner is not null && owner == Claims.DeveloperOf(caller),
        _ => false,
    };

    /// <summary>Whether <paramref name="caller"/> may read the figures of an app owned by <paramref name="owner"/>: the auditor every app (read-only), else as <see cref="MayUseApp"/>.</summary>
    public static bool MayReadApp(ClaimsPrincipal caller, string? owner) =>
        Claims.RoleOf(caller) == Role.Auditor ? owner is not null : MayUseApp(caller, owner);

    /// <summary>Whether <paramref name="caller"/> may act for the end user <paramref name="userId"/>.</summary>
    public static bool MayActForUser(ClaimsPrincipal caller, string userId) => Claims.RoleOf(caller) switch
    {
        Role.Operator or Role.Host => true,
        Role.User => Claims.UserOf(caller) == userId,
        _ => false,
    };
}
