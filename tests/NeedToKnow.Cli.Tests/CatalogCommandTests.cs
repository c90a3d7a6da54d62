using System.Text.Json;
using NeedToKnow.Testing;

namespace NeedToKnow.Cli.Tests;

public class CatalogCommandTests
{
    [Fact]
    public void Show_json_lists_every_collection()
    {
        var (exit, stdout, _) = CliRunner.Run("catalog", "show", "--format", "json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("keys").GetArrayLength() >= 29);
        Assert.True(root.GetProperty("serviceCategories").GetArrayLength() >= 39);
        Assert.True(root.GetProperty("reasonCodes").GetArrayLength() >= 8);
        var getLocation = root.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("id").GetString() == "wx.getLocation");
        Assert.Equal("Location", getLocation.GetProperty("key").GetString());
        Assert.Equal("precise", getLocation.GetProperty("location").GetString());
        Assert.Equal("function", getLocation.GetProperty("kind").GetString());
        Assert.Contains(root.GetProperty("scopes").EnumerateArray(), s => s.GetProperty("id").GetString() == "scope.userLocation");
    }

    [Fact]
    public void Printed_json_loads_again_as_an_override_and_prints_the_same()
    {
        // An operator's natural way to write an override is to start from `catalog show --format json`.
        var (_, printed, _) = CliRunner.Run("catalog", "show", "--format", "json");
        var file = Path.Combine(Path.GetTempPath(), "ntk-catalog-roundtrip-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            File.WriteAllText(file, printed);
            var (exit, reprinted, err) = CliRunner.Run("catalog", "show", "--catalog", file, "--format", "json");
            Assert.True(exit == 0, err + reprinted);
            Assert.Equal(printed, reprinted);
            using var doc = JsonDocument.Parse(printed);
            var phone = doc.RootElement.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("id").GetString() == "PhoneNumber");
            Assert.Equal("[\"organisation\",\"government\"]", phone.GetProperty("allowedEntities").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Override_with_an_unpaired_surrogate_escape_is_rejected_with_a_message()
    {
        var file = Path.Combine(Path.GetTempPath(), "ntk-catalog-surrogate-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            File.WriteAllText(file, "{\"keys\": [{\"id\": \"x-a\\ud800\", \"source\": \"s\", \"addedIn\": \"1.0\"}]}");
            var (exit, _, err) = CliRunner.Run("catalog", "show", "--catalog", file);
            Assert.Equal(2, exit);
            Assert.Contains("unpaired surrogate", err, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Show_table_prints_each_section_with_counts()
    {
        var (exit, stdout, _) = CliRunner.Run("catalog", "show");
        Assert.Equal(0, exit);
        Assert.Contains("service categories (39)", stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  PhoneNumber +Phone number +手机号", stdout);
    }

    [Fact]
    public void Show_markdown_is_the_committed_doc()
    {
        var (exit, stdout, _) = CliRunner.Run("catalog", "show", "--format", "markdown");
        Assert.Equal(0, exit);
        Assert.Equal(File.ReadAllText(RepoPaths.RepoFile("docs", "catalog.md")), stdout);
    }

    [Fact]
    public void A_broken_override_is_rejected_with_place_and_reason()
    {
        var path = Path.Combine(Path.GetTempPath(), "ntk-catalog-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, """{"bindings": [{"id": "wx.getFoo", "source": "t", "addedIn": "1.0", "platform": "wx", "kind": "function", "api": "wx.getFoo", "member": "getFoo", "key": "Foo"}]}""");
        try
        {
            var (exit, _, stderr) = CliRunner.Run("catalog", "show", "--catalog", path);
            Assert.Equal(2, exit);
            Assert.Contains(path + ":1:153 at /bindings/0/key: error NTK-CAT-003: unknown privacy key `Foo`", stderr, StringComparison.Ordinal);
            var (jsonExit, stdout, _) = CliRunner.Run("catalog", "show", "--catalog", path, "--format", "json");
            Assert.Equal(2, jsonExit);
            using var doc = JsonDocument.Parse(stdout);
            Assert.Equal("NTK-CAT-003", doc.RootElement.GetProperty("error").GetProperty("diagnostics")[0].GetProperty("code").GetString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_override_file_is_a_usage_error()
    {
        var (exit, _, stderr) = CliRunner.Run("catalog", "show", "--catalog", "/no/such/catalog.json");
        Assert.Equal(2, exit);
        Assert.StartsWith("error: cannot read catalog file `/no/such/catalog.json`", stderr, StringComparison.Ordinal);
    }
}
