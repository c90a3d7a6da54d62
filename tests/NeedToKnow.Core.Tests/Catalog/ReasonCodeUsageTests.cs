using System.Text.RegularExpressions;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Testing;

namespace NeedToKnow.Core.Tests.Catalog;

/// <summary>STYLE.md H5: every rule id the code uses is a catalog row, and every declaration and catalog row is used.</summary>
public partial class ReasonCodeUsageTests
{
    [GeneratedRegex("\"(NTK-(?:DECL|CAT)-[0-9]{3})\"")]
    private static partial Regex CodeLiteral();

    private static HashSet<string> UsedCodes()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in new[] { "Catalog", "Declarations" })
        {
            foreach (var file in Directory.GetFiles(RepoPaths.RepoFile("src", "NeedToKnow.Core", folder), "*.cs"))
            {
                foreach (Match m in CodeLiteral().Matches(File.ReadAllText(file)))
                {
                    used.Add(m.Groups[1].Value);
                }
            }
        }

        return used;
    }

    [Fact]
    public void Every_code_used_is_in_the_catalog_and_every_row_is_used()
    {
        var used = UsedCodes();
        Assert.True(used.Count >= 30, "codes found in source: " + used.Count);
        var rows = PrivacyCatalog.Default.ReasonCodes.Where(r => r.Area is ReasonArea.Declaration or ReasonArea.Catalog).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(used.Except(rows));
        Assert.Empty(rows.Except(used));
    }

    [Fact]
    public void Rule_rows_have_a_severity_and_gate_rows_do_not()
    {
        foreach (var row in PrivacyCatalog.Default.ReasonCodes)
        {
            Assert.Equal(row.Area != ReasonArea.Gate, row.Severity is not null);
        }
    }
}
