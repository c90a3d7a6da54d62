using NeedToKnow.Core.Catalog;
using NeedToKnow.Review.Sites;

namespace NeedToKnow.Review.JavaScript;

/// <summary>
/// Turns positions inside the analyzed text into file positions and builds <see cref="PrivacySite"/> values; one per
/// analyzed file or <c>&lt;wxs&gt;</c> body.
/// </summary>
internal readonly struct SiteBuilder
{
    private readonly List<PrivacySite> _sites;
    private readonly string _file;
    private readonly string _party;
    private readonly SourceOrigin _origin;
    private readonly SiteConfidence _confidence;

    public SiteBuilder(List<PrivacySite> sites, string file, string party, SourceOrigin origin, SiteConfidence confidence)
    {
        _sites = sites;
        _file = file;
        _party = party;
        _origin = origin;
        _confidence = confidence;
    }

    /// <summary>Adds a site at a 1-based line and 0-based column of the analyzed text.</summary>
    public void Add(ApiBinding binding, int line, int column0, SiteKind kind, string? scope = null)
    {
        var fileLine = line + _origin.Line - 1;
        var fileColumn = column0 + 1 + (line == 1 ? _origin.Column - 1 : 0);
        _sites.Add(new PrivacySite(binding.Key, binding.Api, _file, fileLine, fileColumn, kind, _party, _confidence, scope));
    }
}

/// <summary>Where the analyzed text starts in its file: (1, 1) for a whole file, the body's start for <c>&lt;wxs&gt;</c>.</summary>
/// <param name="Line">1-based line of the text's first character.</param>
/// <param name="Column">1-based column (UTF-16 code units) of the text's first character.</param>
internal readonly record struct SourceOrigin(int Line, int Column)
{
    /// <summary>The start of a file.</summary>
    public static SourceOrigin FileStart => new(1, 1);
}
