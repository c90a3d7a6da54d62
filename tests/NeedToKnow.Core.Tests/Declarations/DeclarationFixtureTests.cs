using System.Text.Encodings.Web;
using System.Text.Json;
using NeedToKnow.Core.Declarations;
using NeedToKnow.Core.Diagnostics;
using NeedToKnow.Testing;

namespace NeedToKnow.Core.Tests.Declarations;

/// <summary>
/// Golden files (STYLE.md H13): each Fixtures/declarations/&lt;case&gt;.json sits next to &lt;case&gt;.diagnostics.json, the
/// whole expected output. Regenerate with NTK_REGENERATE_FIXTURES=1 and review the diff.
/// </summary>
public class DeclarationFixtureTests
{
    private const int ExpectedCases = 32;

    private static readonly string Folder = RepoPaths.RepoFile("tests", "NeedToKnow.Core.Tests", "Fixtures", "declarations");

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in CaseFiles())
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    private static string[] CaseFiles() =>
        Directory.GetFiles(Folder, "*.json").Where(f => !f.EndsWith(".diagnostics.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Every_case_is_counted_and_has_its_expected_output()
    {
        var cases = CaseFiles();
        Assert.Equal(ExpectedCases, cases.Length);
        var expected = Directory.GetFiles(Folder, "*.diagnostics.json");
        Assert.Equal(cases.Length, expected.Length);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diagnostics_match_the_golden_file(string name)
    {
        var result = DeclarationValidator.Validate(File.ReadAllBytes(Path.Combine(Folder, name + ".json")), name + ".json");
        var actual = JsonSerializer.Serialize(new
        {
            valid = result.IsValid,
            readable = result.IsReadable,
            diagnostics = result.Diagnostics.Select(d => new
            {
                code = d.Code,
                severity = d.Severity.ToString().ToLowerInvariant(),
                line = d.Location?.Line,
                column = d.Location?.Column,
                pointer = d.Location?.JsonPointer,
                message = d.Message,
                help = d.Help,
            }),
        }, Options).ReplaceLineEndings("\n") + "\n";
        var expectedPath = Path.Combine(Folder, name + ".diagnostics.json");
        if (Environment.GetEnvironmentVariable("NTK_REGENERATE_FIXTURES") == "1")
        {
            File.WriteAllText(expectedPath, actual);
        }

        Assert.Equal(File.ReadAllText(expectedPath), actual);
        foreach (var d in result.Diagnostics)
        {
            Assert.Matches("^[a-z`]", d.Message);
            Assert.False(d.Message.EndsWith('.'), d.Message);
            Assert.NotNull(d.Help);
        }

        if (result.Diagnostics.Count > 0 && name.StartsWith("valid", StringComparison.Ordinal))
        {
            Assert.Fail(name + " should have no diagnostics");
        }

        Assert.Equal(result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error), !result.IsValid);
    }
}
