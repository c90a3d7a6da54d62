using System.Security.Claims;

namespace NeedToKnow.Server.Auth;

/// <summary>Claim types the server puts on an authenticated caller, and readers for them.</summary>
internal static class Claims
{
    public const string Role = "ntk:role";
    public const string KeyId = "ntk:key";
    public const string DeveloperId = "ntk:developer";
    public const string UserId = "ntk:user";

    public static Role? RoleOf(ClaimsPrincipal principal) =>
        Enum.TryParse<Role>(principal.FindFirstValue(Role), out var role) ? role : null;

    public static string? DeveloperOf(ClaimsPrincipal principal) => principal.FindFirstValue(DeveloperId);

    public static string? UserOf(ClaimsPrincipal principal) => principal.FindFirstValue(UserId);

    public static string PartitionOf(ClaimsPrincipal principal) => principal.FindFirstValue(KeyId) ?? "anonymous";
}
