namespace NeedToKnow.Core.Catalog;

/// <summary>How sensitive a privacy key's information is.</summary>
/// <remarks>Source: PIPL Art. 4 (personal information) and Art. 28 (sensitive personal information); GB/T 35273-2020 §3.1, §3.2 and Appendix B.</remarks>
public enum Sensitivity
{
    /// <summary>Personal information (PIPL Art. 4).</summary>
    Personal,

    /// <summary>Sensitive personal information (PIPL Art. 28): needs a specific purpose, necessity and separate consent (Art. 29).</summary>
    Sensitive,
}
