namespace NeedToKnow.Core.Access;

/// <summary>A stored API key: never the key itself, only its SHA-256 hash (DESIGN.md "Security": keys per role, stored hashed).</summary>
/// <param name="Id">Public key id, shown in listings and logs.</param>
/// <param name="Role">The role name: <c>Operator</c>, <c>Host</c>, <c>Developer</c> or <c>Auditor</c>.</param>
/// <param name="DeveloperId">For developer keys, the developer whose apps the key may touch; else null.</param>
/// <param name="Name">A label chosen by the operator.</param>
/// <param name="Hash">Lower-case hex SHA-256 of the key text.</param>
/// <param name="CreatedAt">When the key was made.</param>
/// <param name="Revoked">Whether the key has been revoked.</param>
public sealed record AccessKeyRecord(string Id, string Role, string? DeveloperId, string Name, string Hash, DateTimeOffset CreatedAt, bool Revoked = false);
