namespace NeedToKnow.Core.Catalog;

/// <summary>
/// One category of personal information, WeChat's <c>privacy_key</c> (e.g. <c>Location</c>, <c>PhoneNumber</c>),
/// or one NeedToKnow adds (<c>Contact.Read</c>, <c>x-bank-card</c>). Declarations, bindings, the gate and the reviewer
/// all name keys by <see cref="CatalogEntry.Id"/>.
/// </summary>
/// <remarks>
/// Sources: WeChat privacy guide contents,
/// https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/miniprogram-intro.html (21 API-backed
/// keys) and the open-platform getPrivacySetting API (7 self-declared keys); sensitivity per PIPL Art. 28 and
/// GB/T 35273-2020 Appendix B. A key with a <see cref="Parent"/> is covered by a declaration of the parent.
/// </remarks>
public sealed record PrivacyKey : CatalogEntry
{
    /// <summary>English display name.</summary>
    public required string NameEn { get; init; }

    /// <summary>Chinese display name, WeChat's wording where it has one.</summary>
    public required string NameZh { get; init; }

    /// <summary>Parent key id (a declaration of the parent covers this key), or null.</summary>
    public string? Parent { get; init; }

    /// <summary>Personal or sensitive personal information.</summary>
    public required Sensitivity Sensitivity { get; init; }

    /// <summary>The regulation article or standard clause behind <see cref="Sensitivity"/>.</summary>
    public required string SensitivitySource { get; init; }

    /// <summary>Read, or write-only.</summary>
    public required KeyAccess Access { get; init; }

    /// <summary>The main authorization scope id (e.g. <c>scope.userLocation</c>), or null when the key has none.</summary>
    public string? Scope { get; init; }

    /// <summary>True when the platform must approve the app before it may call the key's APIs (WeChat 准入开通, e.g. location).</summary>
    public bool NeedsAdmission { get; init; }

    /// <summary>True when the key's APIs must be listed in app.json <c>requiredPrivateInfos</c> (WeChat, since 2022-07-14).</summary>
    public bool NeedsRequiredPrivateInfos { get; init; }

    /// <summary>True when the key's APIs work only from a user gesture (a tap), e.g. the phone number.</summary>
    public bool NeedsUserGesture { get; init; }

    /// <summary>Which developer entities may use the key; PhoneNumber: organisations and government bodies only.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(DeveloperEntityTypesJsonConverter))]
    public required DeveloperEntityTypes AllowedEntities { get; init; }

    /// <summary>True when the developer entity must also be verified (WeChat 认证) to use the key.</summary>
    public bool RequiresVerifiedDeveloper { get; init; }

    /// <summary>True when platform APIs yield the key; false when the developer collects it by its own means (forms, servers).</summary>
    public bool ApiBacked { get; init; }

    /// <summary>Who defined the key.</summary>
    public required KeyOrigin Origin { get; init; }

    /// <summary>
    /// True when <paramref name="id"/> has the form of a developer's custom key: <c>x-</c> followed by lowercase
    /// letters, digits and single hyphens (e.g. <c>x-bank-card</c>), at most 64 characters.
    /// </summary>
    /// <param name="id">A key id.</param>
    /// <returns>Whether declarations accept it as a custom key even when the catalog does not list it.</returns>
    public static bool IsCustomKeyId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length < 3 || id.Length > 64 || !id.StartsWith("x-", StringComparison.Ordinal) || id[^1] == '-')
        {
            return false;
        }

        for (var i = 2; i < id.Length; i++)
        {
            var c = id[i];
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') || (c == '-' && id[i - 1] != '-');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
