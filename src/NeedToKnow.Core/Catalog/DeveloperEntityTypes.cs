namespace NeedToKnow.Core.Catalog;

/// <summary>The kinds of developer entity (the account's legal subject) that may use a privacy key.</summary>
[Flags]
public enum DeveloperEntityTypes
{
    /// <summary>No entity.</summary>
    None = 0,

    /// <summary>A company or other organisation.</summary>
    Organisation = 1,

    /// <summary>An individual developer.</summary>
    Individual = 2,

    /// <summary>A government body or public institution.</summary>
    Government = 4,

    /// <summary>Every kind.</summary>
    All = Organisation | Individual | Government,
}
