using NeedToKnow.Core.Catalog;
using NeedToKnow.Review.JavaScript;
using NeedToKnow.Review.Packages;

namespace NeedToKnow.Review.Analysis;

/// <summary>Runs the JavaScript analyzer on a file or an inline <c>&lt;wxs&gt;</c> body that starts at (line, column).</summary>
internal sealed class ScriptAnalyzer
{
    private readonly JavaScriptAnalyzer analyzer;

    public ScriptAnalyzer(PrivacyCatalog catalog, ReviewLimits limits)
    {
        var table = ReferenceEquals(catalog, PrivacyCatalog.Default) ? JavaScriptApiTable.Default : new JavaScriptApiTable(catalog);
        analyzer = new JavaScriptAnalyzer(table, (int)Math.Min(int.MaxValue, limits.MaxFileBytes));
    }

    public ScriptOutcome Analyze(string source, string file, string party, int line, int column)
    {
        var result = analyzer.Analyze(source, file, party, new SourceOrigin(line, column));
        var mode = result.Mode switch
        {
            JavaScriptParseMode.Module or JavaScriptParseMode.Script => ScriptMode.Parsed,
            JavaScriptParseMode.TokenScan => ScriptMode.FellBack,
            JavaScriptParseMode.Screened => ScriptMode.Screened,
            _ => ScriptMode.Skipped,
        };
        return new ScriptOutcome(result.Sites, mode, result.Error?.Message, result.Error?.Line ?? 0, result.Error?.Column ?? 0);
    }
}
