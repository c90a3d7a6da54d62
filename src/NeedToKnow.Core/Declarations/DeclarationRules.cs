namespace NeedToKnow.Core.Declarations;

/// <summary>The rule ids of declaration parsing and validation; each is a row of the catalog's reason codes (area <c>declaration</c>), which holds its severity, message and fix.</summary>
internal static class DeclarationRules
{
    /// <summary>Not valid JSON, truncated, or empty.</summary>
    public const string InvalidJson = "NTK-DECL-001";

    /// <summary>Not valid UTF-8.</summary>
    public const string InvalidUtf8 = "NTK-DECL-002";

    /// <summary>A size limit (bytes, array length, string length) is exceeded.</summary>
    public const string TooLarge = "NTK-DECL-003";

    /// <summary>Nesting deeper than the limit.</summary>
    public const string TooDeep = "NTK-DECL-004";

    /// <summary>A comment in the JSON.</summary>
    public const string Comment = "NTK-DECL-005";

    /// <summary>A property appears twice in one object.</summary>
    public const string DuplicateProperty = "NTK-DECL-006";

    /// <summary>A value has the wrong JSON type.</summary>
    public const string WrongType = "NTK-DECL-007";

    /// <summary>A required field is missing.</summary>
    public const string MissingField = "NTK-DECL-008";

    /// <summary>A property the format does not define.</summary>
    public const string UnknownProperty = "NTK-DECL-009";

    /// <summary>A value is of the right type but not allowed (enum, format).</summary>
    public const string InvalidValue = "NTK-DECL-010";

    /// <summary>A purpose is empty.</summary>
    public const string PurposeEmpty = "NTK-DECL-020";

    /// <summary>A purpose is a placeholder or too vague.</summary>
    public const string PurposeVague = "NTK-DECL-021";

    /// <summary>The same purpose is pasted for many keys.</summary>
    public const string PurposeRepeated = "NTK-DECL-022";

    /// <summary>A purpose says the information is not used.</summary>
    public const string PurposeNotUsed = "NTK-DECL-023";

    /// <summary>A key that is neither in the catalog nor a custom <c>x-</c> key.</summary>
    public const string UnknownKey = "NTK-DECL-024";

    /// <summary>A key declared twice.</summary>
    public const string DuplicateKey = "NTK-DECL-025";

    /// <summary>Precise and fuzzy location both declared.</summary>
    public const string PreciseAndFuzzyLocation = "NTK-DECL-026";

    /// <summary>No contact channel.</summary>
    public const string NoContact = "NTK-DECL-027";

    /// <summary>An item marked necessary outside the service category's necessary scope.</summary>
    public const string NotNecessaryForCategory = "NTK-DECL-028";

    /// <summary>Sensitive information without a purpose that justifies it.</summary>
    public const string SensitiveWithoutJustification = "NTK-DECL-029";

    /// <summary>Bidirectional control, invisible or mixed-script characters in text.</summary>
    public const string SuspiciousText = "NTK-DECL-030";

    /// <summary>An unknown service category.</summary>
    public const string UnknownServiceCategory = "NTK-DECL-031";

    /// <summary>A key the developer entity may not use.</summary>
    public const string EntityNotAllowed = "NTK-DECL-032";

    /// <summary>An invalid business domain.</summary>
    public const string InvalidBusinessDomain = "NTK-DECL-033";

    /// <summary>An invalid retention.</summary>
    public const string InvalidRetention = "NTK-DECL-034";
}
