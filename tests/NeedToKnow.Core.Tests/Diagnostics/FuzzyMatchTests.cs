using NeedToKnow.Core.Diagnostics;

namespace NeedToKnow.Core.Tests.Diagnostics;

public class FuzzyMatchTests
{
    [Fact]
    public void Misspelled_scope_suggests_the_catalog_scope()
    {
        var scopes = new[] { "scope.userLocation", "scope.userFuzzyLocation", "scope.record", "scope.camera" };
        Assert.Equal("scope.userLocation", FuzzyMatch.Closest("scope.userLocaton", scopes));
    }

    [Fact]
    public void Nothing_close_gives_no_suggestion()
    {
        Assert.Null(FuzzyMatch.Closest("completelyDifferent", new[] { "Location", "Camera" }));
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("Location", "Location", 0)]
    [InlineData("abc", "", 3)]
    public void Distance_is_levenshtein(string a, string b, int expected)
    {
        Assert.Equal(expected, FuzzyMatch.Distance(a, b));
    }

    [Fact]
    public void Location_formats_file_line_column_and_pointer()
    {
        Assert.Equal("privacy.json:3:7 at /items/0/purpose", new DiagnosticLocation("privacy.json", 3, 7, "/items/0/purpose").ToString());
        var d = new Diagnostic("NTK-X", DiagnosticSeverity.Warning, "purpose is empty", null, new DiagnosticLocation("a.json", 1, 2));
        Assert.Equal("a.json:1:2: warning NTK-X: purpose is empty", d.ToString());
    }
}
