using NeedToKnow.Core.Catalog;
using NeedToKnow.Review.Packages;
using NeedToKnow.Review.Reports;

namespace NeedToKnow.Review.Tests;

/// <summary>The parts of a package the issue names: subpackages (both spellings), miniprogram_npm, plugins, party by the declaration's SDK list.</summary>
public sealed class PackageStructureTests
{
    private static ReviewReport Review(TestPackage t, Core.Declarations.DeclarationValidationResult? declaration) =>
        PackageReviewer.Review(PackageReader.Read(t.Folder), declaration, PrivacyCatalog.Default, new ReviewOptions { DeclarationFile = "privacy.json" });

    [Theory]
    [InlineData("subpackages")]
    [InlineData("subPackages")]
    public void Subpackage_sites_are_found_and_a_subpackage_entry_page_is_a_launch_page(string spelling)
    {
        using var t = new TestPackage();
        t.Write("app.json", "{\"pages\":[\"pages/index/index\"],\"entryPagePath\":\"shop/pages/list/list\",\"" + spelling + "\":[{\"root\":\"shop\",\"pages\":[\"pages/list/list\"]}]}");
        t.Write("shop/pages/list/list.js", "Page({\n  onLoad() { wx.chooseImage() }\n})\n");
        t.Write("shop/pages/list/list.wxml", "<button open-type=\"getPhoneNumber\">p</button>\n");
        var report = Review(t, TestDeclaration.Valid(["Album", "PhoneNumber"]));
        Assert.Equal(["Album", "PhoneNumber"], report.Detected.Select(d => d.Key));
        var launch = Assert.Single(report.Findings, f => f.RuleId == "NTK-REV-012");
        Assert.Equal(("shop/pages/list/list.js", 2, 14), (launch.File, launch.Line, launch.Column));
    }

    [Fact]
    public void Miniprogram_npm_code_belongs_to_its_package()
    {
        using var t = new TestPackage();
        t.Write("app.json", "{\"pages\":[]}");
        t.Write("miniprogram_npm/@vant/weapp/uploader/index.js", "wx.chooseImage()\n");
        var site = Review(t, null).Detected.Single().Sites.Single();
        Assert.Equal(("miniprogram_npm/@vant/weapp/uploader/index.js", "@vant/weapp"), (site.File, site.Party));
    }

    [Fact]
    public void A_declared_sdk_claims_its_folder_and_is_then_disclosed()
    {
        using var t = new TestPackage();
        t.Write("app.json", "{\"pages\":[]}");
        t.Write("utils/tracker/track.js", "wx.getLocation()\n");
        var first = Review(t, TestDeclaration.Valid(["Location"]));
        Assert.Equal("first", first.Detected.Single().Sites.Single().Party);
        var withSdk = Review(t, TestDeclaration.Valid([], [("tracker", ["Location"])]));
        Assert.Equal("tracker", withSdk.Detected.Single().Sites.Single().Party);
        Assert.DoesNotContain(withSdk.Findings, f => f.RuleId is "NTK-REV-001" or "NTK-REV-011");
        var undisclosed = Review(t, TestDeclaration.Valid(["Location"], [("tracker", ["Camera"])]));
        Assert.Equal("utils/tracker/track.js", Assert.Single(undisclosed.Findings, f => f.RuleId == "NTK-REV-011").File);
    }

    [Fact]
    public void A_plugin_the_declaration_does_not_list_is_reported_at_its_entry_in_app_json()
    {
        using var t = new TestPackage();
        t.Write("app.json", "{\n  \"pages\": [],\n  \"plugins\": {\"myPlugin\": {\"version\": \"1.0.0\", \"provider\": \"wxidxxxxxxxxxxxxxxxx\"}},\n  \"subpackages\": [{\"root\": \"sub\", \"pages\": [], \"plugins\": {\"live\": {\"version\": \"1.0.0\", \"provider\": \"wx2b03c6e691cd7370\"}}}]\n}");
        var found = Review(t, TestDeclaration.Valid([])).Findings.Where(f => f.RuleId == "NTK-REV-016").ToList();
        Assert.Equal(
            [
                ("plugin `live` (provider `wx2b03c6e691cd7370`) is not listed in the declaration's `sdks`", 4),
                ("plugin `myPlugin` (provider `wxidxxxxxxxxxxxxxxxx`) is not listed in the declaration's `sdks`", 3),
            ],
            found.Select(f => (f.Message, f.Line)).OrderBy(x => x.Message, StringComparer.Ordinal));
        Assert.All(found, f => Assert.Equal(("app.json", Core.Diagnostics.DiagnosticSeverity.Warning, true), (f.File, f.Severity, f.Column > 0)));
        var listed = Review(t, TestDeclaration.Valid([], [("myPlugin", ["Location"]), ("wx2b03c6e691cd7370", ["Camera"])]));
        Assert.DoesNotContain(listed.Findings, f => f.RuleId == "NTK-REV-016");
    }
}
