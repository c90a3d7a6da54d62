using System.Text;
using NeedToKnow.Review.Packages;
using static NeedToKnow.Review.Tests.TestPackage;

namespace NeedToKnow.Review.Tests.Packages;

public class PackageReaderTests
{
    private const string App = """{"pages":["pages/index/index"]}""";

    [Fact]
    public void A_folder_with_app_json_is_its_own_app_root_and_node_modules_is_not_read()
    {
        using var t = new TestPackage();
        t.Write("app.json", App);
        t.Write("pages/index/index.js", "wx.getLocation()");
        t.Write("pages/index/index.wxss", "a{}");
        t.Write("node_modules/x/index.js", "wx.getLocation()");
        var p = PackageReader.Read(t.Folder);
        Assert.Equal("", p.Root);
        Assert.Equal(["app.json", "pages/index/index.js"], p.Files.Select(f => f.Path));
        Assert.Equal(3, p.FileCount);
        Assert.Empty(p.Diagnostics);
    }

    [Fact]
    public void MiniprogramRoot_in_project_config_names_the_app_root()
    {
        using var t = new TestPackage();
        t.Write("project.config.json", """{"miniprogramRoot":"miniprogram/"}""");
        t.Write("miniprogram/app.json", App);
        t.Write("miniprogram/app.js", "App({})");
        t.Write("cloudfunctions/a/index.js", "x");
        var p = PackageReader.Read(t.Folder);
        Assert.Equal("miniprogram", p.Root);
        Assert.Equal(["app.js", "app.json"], p.Files.Select(f => f.Path));
    }

    [Fact]
    public void A_zip_with_a_wrapping_folder_finds_app_json_inside()
    {
        using var t = new TestPackage();
        var zip = t.Zip("p.zip", Entry("demo/app.json", App), Entry("demo/pages/a.js", "x"));
        var p = PackageReader.Read(zip);
        Assert.Equal("demo", p.Root);
        Assert.Equal(["app.json", "pages/a.js"], p.Files.Select(f => f.Path));
    }

    [Fact]
    public void No_app_json_is_reported_and_everything_is_reviewed()
    {
        using var t = new TestPackage();
        t.Write("a.js", "x");
        var p = PackageReader.Read(t.Folder);
        AssertDiagnostic(Assert.Single(p.Diagnostics), "NTK-PKG-002", "no `app.json` was found, so the whole input is reviewed as the app root");
        Assert.Single(p.Files);
    }

    [Fact]
    public void A_path_that_does_not_exist_is_unreadable()
    {
        var p = PackageReader.Read("/no/such/package");
        AssertDiagnostic(Assert.Single(p.Diagnostics), "NTK-PKG-001", "`/no/such/package` is neither a folder nor a file");
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_unreadable()
    {
        using var t = new TestPackage();
        var path = t.Write("p.zip", "not a zip");
        var d = Assert.Single(PackageReader.Read(path).Diagnostics);
        Assert.Equal("NTK-PKG-001", d.Code);
        Assert.StartsWith("`" + path + "` is not a readable zip file: ", d.Message);
    }

    [Fact]
    public void Zip_entry_with_dot_dot_escapes_the_root_and_the_rest_is_read()
    {
        using var t = new TestPackage();
        var zip = t.Zip("p.zip", Entry("app.json", App), Entry("../evil.js", "wx.getLocation()"), Entry("a.js", "x"));
        var p = PackageReader.Read(zip);
        AssertDiagnostic(Assert.Single(p.Diagnostics), "NTK-PKG-010", "zip entry `../evil.js` escapes the package root; it was not read");
        Assert.Equal(["a.js", "app.json"], p.Files.Select(f => f.Path));
    }

    [Fact]
    public void Zip_entry_with_an_absolute_path_escapes_the_root()
    {
        using var t = new TestPackage();
        var zip = t.Zip("p.zip", Entry("app.json", App), Entry("/etc/cron.d/x.js", "x"));
        var p = PackageReader.Read(zip);
        AssertDiagnostic(Assert.Single(p.Diagnostics), "NTK-PKG-010", "zip entry `/etc/cron.d/x.js` escapes the package root; it was not read");
        Assert.Equal(["app.json"], p.Files.Select(f => f.Path));
    }

    [Fact]
    public void Symlink_in_a_folder_pointing_outside_is_reported_and_not_followed()
    {
        using var t = new TestPackage();
        using var outside = new TestPackage();
        var secret = outside.Write("secret.js", "wx.getLocation()");
        t.Write("app.json", App);
        File.CreateSymbolicLink(Path.Combine(t.Folder, "linked.js"), secret);
        var p = PackageReader.Read(t.Folder);
        AssertDiagnostic(Assert.Single(p.Diagnostics), "NTK-PKG-011", "symbolic link `linked.js` points to `" + secret + "`, outside the package root", "linked.js");
        Assert.Equal(["app.json"], p.Files.Select(f => f.Path));
    }

    [Fact]
    public void Symlink_entry_in_a_zip_pointing_outside_is_reported()
    {
        using var t = new TestPackage();
        var zip = t.Zip("p.zip", Entry("app.json", App), Entry("lib/x.js", "../../../etc/passwd", 0xA1FF));
        var p = PackageReader.Read(zip);
        AssertDiagnostic(Assert.Single(p.Diagnostics), "NTK-PKG-011", "symbolic link `lib/x.js` points to `../../../etc/passwd`, outside the package root", "lib/x.js");
        Assert.Equal(["app.json"], p.Files.Select(f => f.Path));
    }

    [Fact]
    public void Zip_bomb_entry_over_the_compression_ratio_is_skipped()
    {
        using var t = new TestPackage();
        var zeros = new byte[4 * 1024 * 1024];
        var zip = t.Zip("p.zip", Entry("app.json", App), ("bomb.js", zeros, 0));
        var p = PackageReader.Read(zip);
        var d = Assert.Single(p.Diagnostics);
        Assert.Equal("NTK-PKG-012", d.Code);
        Assert.Matches(@"^zip entry `bomb\.js` expands \d+ times \(\d+ to 4194304 bytes\), over the limit `maxCompressionRatio` = 200; it was not read$", d.Message);
        Assert.Equal(["app.json"], p.Files.Select(f => f.Path));
    }

    [Fact]
    public void Total_size_over_the_limit_skips_the_files_past_it()
    {
        using var t = new TestPackage();
        t.Write("app.json", App);
        t.Write("a.js", new string('a', 600));
        t.Write("b.js", new string('b', 600));
        var p = PackageReader.Read(t.Folder, new ReviewLimits { MaxTotalBytes = 1000 });
        AssertDiagnostic(Assert.Single(p.Diagnostics), "NTK-PKG-013", "the package's source files are larger than the limit `maxTotalBytes` (1000 bytes): 1231 bytes; the rest of the package is reviewed");
        Assert.Equal(["a.js", "app.json"], p.Files.Select(f => f.Path));
        Assert.Equal(1, p.Skipped[FileKind.JavaScript]);
    }

    [Fact]
    public void Too_many_entries_in_a_zip_reads_only_the_first_ones()
    {
        using var t = new TestPackage();
        var zip = t.Zip("p.zip", Entry("app.json", App), Entry("a.js", "1"), Entry("b.js", "2"), Entry("c.js", "3"));
        var p = PackageReader.Read(zip, new ReviewLimits { MaxEntries = 2 });
        AssertDiagnostic(Assert.Single(p.Diagnostics), "NTK-PKG-014", "the zip has more entries than the limit `maxEntries` (2): 4; the rest of the package is reviewed");
        Assert.Equal(["a.js", "app.json"], p.Files.Select(f => f.Path));
    }

    [Fact]
    public void Too_many_files_in_a_folder_reads_only_the_first_ones()
    {
        using var t = new TestPackage();
        t.Write("app.json", App);
        t.Write("a.js", "1");
        t.Write("b.js", "2");
        var p = PackageReader.Read(t.Folder, new ReviewLimits { MaxEntries = 2 });
        AssertDiagnostic(Assert.Single(p.Diagnostics), "NTK-PKG-014", "the package has more files than the limit `maxEntries` (2): 3; the rest of the package is reviewed");
        Assert.Equal(2, p.Files.Count);
    }

    [Fact]
    public void File_over_the_size_limit_is_skipped_with_its_size()
    {
        using var t = new TestPackage();
        t.Write("app.json", App);
        t.Write("big.js", new string('x', 101));
        var p = PackageReader.Read(t.Folder, new ReviewLimits { MaxFileBytes = 100 });
        AssertDiagnostic(Assert.Single(p.Diagnostics), "NTK-PKG-015", "`big.js` is larger than the limit `maxFileBytes` (100 bytes): 101 bytes; the rest of the package is reviewed", "big.js");
        Assert.Equal(["app.json"], p.Files.Select(f => f.Path));
    }

    [Fact]
    public void Invalid_utf8_is_reported_at_its_line_and_the_file_is_still_read()
    {
        using var t = new TestPackage();
        t.Write("app.json", App);
        t.Write("a.js", [.. "ok\nab"u8, 0xFF, .. "\nwx.getLocation()"u8]);
        var p = PackageReader.Read(t.Folder);
        AssertDiagnostic(Assert.Single(p.Diagnostics), "NTK-PKG-016", "`a.js` is not valid UTF-8 at byte 5 (line 2)", "a.js", 2, 3);
        Assert.Equal("ok\nab\uFFFD\nwx.getLocation()", p.File("a.js")!.Text);
    }

    [Fact]
    public void A_byte_order_mark_is_stripped_without_a_diagnostic()
    {
        using var t = new TestPackage();
        t.Write("app.json", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(App)]);
        var p = PackageReader.Read(t.Folder);
        Assert.Empty(p.Diagnostics);
        Assert.Equal(App, p.File("app.json")!.Text);
    }

    [Fact]
    public void A_minified_line_over_the_line_limit_skips_the_file()
    {
        using var t = new TestPackage();
        t.Write("app.json", App);
        t.Write("min.js", "a\n" + new string('x', 2000));
        var p = PackageReader.Read(t.Folder, new ReviewLimits { MaxLineLength = 1000 });
        AssertDiagnostic(Assert.Single(p.Diagnostics), "NTK-PKG-017", "`min.js` line 2 is 2000 characters long, over the limit `maxLineLength` = 1000; the file was not reviewed", "min.js", 2, 1);
        Assert.Equal(["app.json"], p.Files.Select(f => f.Path));
    }
}
