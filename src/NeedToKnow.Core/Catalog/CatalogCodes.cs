namespace NeedToKnow.Core.Catalog;

/// <summary>The rule ids the catalog loader reports; each is a row of reason-codes.json (area <c>catalog</c>).</summary>
internal static class CatalogCodes
{
    /// <summary>The file is not valid JSON, or too large.</summary>
    public const string InvalidJson = "NTK-CAT-001";

    /// <summary>Two rows of one collection share an id.</summary>
    public const string DuplicateId = "NTK-CAT-002";

    /// <summary>A row refers to a key, scope or row that does not exist.</summary>
    public const string UnknownReference = "NTK-CAT-003";

    /// <summary>A key's parent does not exist.</summary>
    public const string MissingParent = "NTK-CAT-004";

    /// <summary>Parents form a cycle.</summary>
    public const string ParentCycle = "NTK-CAT-005";

    /// <summary>deprecatedIn is before addedIn.</summary>
    public const string DeprecatedBeforeAdded = "NTK-CAT-006";

    /// <summary>replacedBy is set on a row that is not deprecated.</summary>
    public const string ReplacedWithoutDeprecation = "NTK-CAT-007";

    /// <summary>A field is missing, has the wrong type, or an invalid value; or a property is unknown.</summary>
    public const string InvalidField = "NTK-CAT-008";

    /// <summary>Two bindings match the same construct (same platform and member, same context method...).</summary>
    public const string AmbiguousBinding = "NTK-CAT-009";
}
