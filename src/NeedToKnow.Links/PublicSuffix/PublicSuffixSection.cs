namespace NeedToKnow.Links.PublicSuffix;

/// <summary>
/// The sections of the Public Suffix List a rule comes from (https://github.com/publicsuffix/list/wiki/Format,
/// "Divisions"): ICANN rules are delegated by registries, PRIVATE rules are submitted by the owners of a domain
/// (e.g. <c>github.io</c>). Used both to say where a match came from and to choose which rules a lookup uses.
/// </summary>
[Flags]
public enum PublicSuffixSection
{
    /// <summary>No listed rule matched; the default rule <c>*</c> (the last label is the public suffix) applied.</summary>
    None = 0,

    /// <summary>The ICANN section (<c>===BEGIN ICANN DOMAINS===</c>).</summary>
    Icann = 1,

    /// <summary>The PRIVATE section (<c>===BEGIN PRIVATE DOMAINS===</c>).</summary>
    Private = 2,

    /// <summary>Both sections: the usual choice for cookies and link policy.</summary>
    All = Icann | Private,
}
