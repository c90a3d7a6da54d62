using NeedToKnow.Core.Catalog;
using NeedToKnow.Testing;

namespace NeedToKnow.Core.Tests.Catalog;

/// <summary>docs/catalog.md is generated from the catalog (STYLE.md H17). Regenerate: NTK_REGENERATE_DOCS=1 dotnet test tests/NeedToKnow.Core.Tests --filter CatalogDocs.</summary>
public class CatalogDocsTests
{
    [Fact]
    public void Committed_catalog_doc_equals_the_generated_one()
    {
        var path = RepoPaths.RepoFile("docs", "catalog.md");
        var generated = CatalogMarkdown.Render(PrivacyCatalog.Default);
        if (Environment.GetEnvironmentVariable("NTK_REGENERATE_DOCS") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), "docs/catalog.md is missing: run with NTK_REGENERATE_DOCS=1");
        Assert.Equal(generated, File.ReadAllText(path));
        Assert.Contains("| `wx.getLocation` |", generated, StringComparison.Ordinal);
        Assert.Contains("| 39 | `performance-tickets` |", generated, StringComparison.Ordinal);
    }
}
