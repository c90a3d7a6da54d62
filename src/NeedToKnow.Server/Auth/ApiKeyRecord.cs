namespace NeedToKnow.Server.Auth;

/// <summary>A stored API key: never the key itself, only its SHA-256 hash.</summary>
/// <param name="Id">Public key id (shown in listings and logs).</param>
/// <param name="Role">The role the key acts as.</param>
/// <param name="DeveloperId">For <see cref="Role.Developer"/>: the developer whose apps the key may touch; else null.</param>
/// <param name="Name">A label chosen by the operator.</param>
/// <param name="Hash">Lower-case hex SHA-256 of the key text.</param>
/// <param name="CreatedAt">When the key was made.</param>
/// <param name="Revoked">Whether the key has been revoked.</param>
public sealed record ApiKeyRecord(string Id, Role Role, string? DeveloperId, string Name, string Hash, DateTimeOffset CreatedAt, bool Revoked = false);
