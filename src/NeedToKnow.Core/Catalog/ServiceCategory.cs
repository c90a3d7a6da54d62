namespace NeedToKnow.Core.Catalog;

/// <summary>
/// One of the 39 common app types of the Provisions on the Scope of Necessary Personal Information for Common
/// Types of Mobile Internet Applications (CAC, MIIT, MPS, SAMR; in force 2021-05-01; also GB/T 41391-2022
/// Appendix A), with its basic function and the necessary personal information, mapped to privacy keys.
/// </summary>
/// <remarks>
/// Art. 2: mini-programs are apps under the Provisions. Art. 4: the basic function must not be refused because the
/// user declines non-necessary information. Text: https://www.cac.gov.cn/2021-03/22/c_1617990997054277.htm
/// </remarks>
public sealed record ServiceCategory : CatalogEntry
{
    /// <summary>Article 5 item number, 1 to 39.</summary>
    public required int Number { get; init; }

    /// <summary>English name.</summary>
    public required string NameEn { get; init; }

    /// <summary>Chinese name as in the Provisions.</summary>
    public required string NameZh { get; init; }

    /// <summary>The basic function service, in English.</summary>
    public required string BasicFunction { get; init; }

    /// <summary>The necessary personal information as the Provisions word it (English paraphrase), one item each.</summary>
    public required IReadOnlyList<string> NecessaryItems { get; init; }

    /// <summary>The privacy keys that cover <see cref="NecessaryItems"/>; empty when the type needs none.</summary>
    public required IReadOnlyList<string> NecessaryKeys { get; init; }

    /// <summary>True for the 13 types whose basic function needs no personal information.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool NeedsNoPersonalInformation => NecessaryKeys.Count == 0;
}
