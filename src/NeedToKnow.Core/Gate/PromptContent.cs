namespace NeedToKnow.Core.Gate;

/// <summary>
/// What the host shows for a <see cref="DecisionKind.Prompt"/>: the declared purpose of the key, the developer's
/// name and which kind of prompt it is. Built once per app version and key when the declaration snapshot is built,
/// so a prompt decision allocates nothing.
/// </summary>
/// <remarks>
/// WeChat shows the purpose text from the privacy guide in the popup (reference §2.1 "Information processed" and
/// §3 "The popup shows the purpose text from the privacy guide"). For sensitive personal information the consent
/// must be separate (PIPL Art. 29): <see cref="SeparateConsent"/> tells the host to ask for this item alone.
/// </remarks>
public sealed class PromptContent
{
    /// <summary>Creates prompt content.</summary>
    /// <param name="kind">Declaration consent or scope authorization.</param>
    /// <param name="key">The privacy key the prompt is about.</param>
    /// <param name="purpose">The declared purpose text for the key, as the developer wrote it.</param>
    /// <param name="developerName">The developer's name as registered on the platform.</param>
    /// <param name="scope">The scope to authorize (for <see cref="PromptKind.ScopeAuthorization"/>), else null.</param>
    /// <param name="separateConsent">True when the key is sensitive personal information and needs separate consent.</param>
    /// <param name="necessary">True when the item is necessary for the app's service category, false when optional.</param>
    /// <param name="declarationVersion">The declaration version the prompt text comes from.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/>, <paramref name="purpose"/> or <paramref name="developerName"/> is null.</exception>
    public PromptContent(PromptKind kind, string key, string purpose, string developerName, string? scope, bool separateConsent, bool necessary, int declarationVersion)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(developerName);
        Kind = kind;
        Key = key;
        Purpose = purpose;
        DeveloperName = developerName;
        Scope = scope;
        SeparateConsent = separateConsent;
        Necessary = necessary;
        DeclarationVersion = declarationVersion;
    }

    /// <summary>Declaration consent or scope authorization.</summary>
    public PromptKind Kind { get; }

    /// <summary>The privacy key the prompt is about.</summary>
    public string Key { get; }

    /// <summary>The declared purpose text for the key.</summary>
    public string Purpose { get; }

    /// <summary>The developer's registered name.</summary>
    public string DeveloperName { get; }

    /// <summary>The scope to authorize, e.g. <c>scope.userLocation</c>, or null for a declaration consent.</summary>
    public string? Scope { get; }

    /// <summary>True when the key is sensitive personal information: ask for it alone (PIPL Art. 29).</summary>
    public bool SeparateConsent { get; }

    /// <summary>True when the item is necessary for the app's service category; false when optional.</summary>
    public bool Necessary { get; }

    /// <summary>The declaration version the text comes from.</summary>
    public int DeclarationVersion { get; }
}
