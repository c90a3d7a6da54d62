namespace NeedToKnow.Core.Gate;

/// <summary>
/// The developer of an app as the platform registered it (not as the declaration claims): name, entity type and
/// whether the account is verified. Check 2 reads it: for example the phone number is only for verified
/// non-individual accounts (reference §1, <c>PhoneNumber</c> row).
/// </summary>
/// <param name="Name">The registered name shown in prompts, e.g. <c>Acme Coffee Ltd.</c>.</param>
/// <param name="EntityType">The entity type as the catalog names it, e.g. <c>individual</c>, <c>enterprise</c>, <c>government</c>, <c>organization</c>.</param>
/// <param name="Verified">True when the platform verified the entity.</param>
public sealed record DeveloperInfo(string Name, string EntityType, bool Verified);
