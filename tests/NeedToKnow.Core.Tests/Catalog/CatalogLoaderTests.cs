using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Diagnostics;

namespace NeedToKnow.Core.Tests.Catalog;

/// <summary>One test per invariant of STYLE.md H17: each bad override is rejected with the code, the place and the reason.</summary>
public class CatalogLoaderTests
{
    private const string Row = "\"source\": \"test\", \"addedIn\": \"1.0\"";

    private static Diagnostic Rejects(string json, string code)
    {
        var e = Assert.Throws<CatalogException>(() => PrivacyCatalog.Load(json, "override.json"));
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal(code, d.Code);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("override.json", d.Location!.File);
        Assert.True(PrivacyCatalog.Default.TryGetReasonCode(code, out _), code + " is a catalog row");
        return d;
    }

    private static string Key(string id, string extra = "") =>
        "{\"id\": \"" + id + "\", " + Row + ", \"nameEn\": \"n\", \"nameZh\": \"名\", \"sensitivity\": \"personal\", \"sensitivitySource\": \"PIPL Art. 4\", "
        + "\"access\": \"read\", \"allowedEntities\": [\"organisation\"]" + extra + "}";

    [Fact]
    public void A_valid_override_adds_and_replaces_rows()
    {
        var json = "{\"keys\": [" + Key("x-loyalty-card") + ", " + Key("Email", ", \"origin\": \"wechat\"") + "]}";
        var catalog = PrivacyCatalog.Load(json, "override.json");
        Assert.True(catalog.TryGetKey("x-loyalty-card", out var added));
        Assert.Equal(KeyOrigin.Operator, added.Origin);
        Assert.True(catalog.TryGetKey("Email", out var email));
        Assert.Equal("n", email.NameEn);
        Assert.Equal(PrivacyCatalog.Default.Keys.Count + 1, catalog.Keys.Count);
        Assert.NotSame(PrivacyCatalog.Default, catalog);
    }

    [Fact]
    public void Unknown_key_in_a_binding_is_rejected_with_a_suggestion()
    {
        var d = Rejects("{\"bindings\": [{\"id\": \"wx.getFoo\", " + Row + ", \"platform\": \"wx\", \"kind\": \"function\", \"api\": \"wx.getFoo\", \"member\": \"getFoo\", \"key\": \"Locaton\"}]}", "NTK-CAT-003");
        Assert.Equal("/bindings/0/key", d.Location!.JsonPointer);
        Assert.Equal("unknown privacy key `Locaton`", d.Message);
        Assert.Equal("did you mean `Location`?", d.Help);
    }

    [Fact]
    public void Duplicate_ids_in_one_file_are_rejected()
    {
        var d = Rejects("{\"keys\": [" + Key("x-a") + ", " + Key("x-a") + "]}", "NTK-CAT-002");
        Assert.Equal("/keys/1/id", d.Location!.JsonPointer);
        Assert.Equal("duplicate id `x-a` in `keys`: first defined at /keys/0", d.Message);
    }

    [Fact]
    public void Missing_parent_is_rejected()
    {
        var d = Rejects("{\"keys\": [" + Key("x-a", ", \"parent\": \"Contactt\"") + "]}", "NTK-CAT-004");
        Assert.Equal("/keys/0/parent", d.Location!.JsonPointer);
        Assert.Equal("key `x-a` has an unknown parent `Contactt`", d.Message);
        Assert.Equal("did you mean `Contact`?", d.Help);
        var json = "{\"keys\": [" + Key("x-a", ", \"parent\": \"Contactt\"") + "]}";
        Assert.Equal((1, json.IndexOf("\"Contactt\"", StringComparison.Ordinal) + 1), (d.Location.Line, d.Location.Column));
    }

    [Fact]
    public void A_missing_field_is_placed_at_its_row_on_the_line_of_the_file()
    {
        var d = Rejects("{\n  \"keys\": [\n    " + Key("x-a").Replace("\"access\": \"read\", ", "", StringComparison.Ordinal) + "\n  ]\n}", "NTK-CAT-008");
        Assert.Equal("missing required field `access`", d.Message);
        Assert.Equal("/keys/0", d.Location!.JsonPointer);
        Assert.Equal((3, 5), (d.Location.Line, d.Location.Column));
        Assert.StartsWith("override.json:3:5 at /keys/0", d.Location.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parent_cycles_are_rejected()
    {
        var e = Assert.Throws<CatalogException>(() => PrivacyCatalog.Load(
            "{\"keys\": [" + Key("x-a", ", \"parent\": \"x-b\"") + ", " + Key("x-b", ", \"parent\": \"x-a\"") + "]}", "override.json"));
        Assert.Equal(2, e.Diagnostics.Count);
        Assert.All(e.Diagnostics, d => Assert.Equal("NTK-CAT-005", d.Code));
        Assert.Equal("key `x-a` is its own ancestor: x-a -> x-b -> x-a", e.Diagnostics[0].Message);
        Assert.Equal("/keys/0/parent", e.Diagnostics[0].Location!.JsonPointer);
    }

    [Fact]
    public void Deprecated_before_added_is_rejected()
    {
        var d = Rejects("{\"keys\": [" + Key("x-a", ", \"deprecatedIn\": \"0.9\"") + "]}", "NTK-CAT-006");
        Assert.Equal("/keys/0/deprecatedIn", d.Location!.JsonPointer);
        Assert.Equal("`x-a` is deprecated in `0.9`, before it was added in `1.0`", d.Message);
    }

    [Fact]
    public void Replaced_without_deprecation_is_rejected()
    {
        var d = Rejects("{\"keys\": [" + Key("x-a", ", \"replacedBy\": \"Email\"") + "]}", "NTK-CAT-007");
        Assert.Equal("/keys/0/replacedBy", d.Location!.JsonPointer);
        Assert.Equal("add `deprecatedIn`, or remove `replacedBy`", d.Help);
    }

    [Fact]
    public void Replacement_that_does_not_exist_is_rejected()
    {
        var d = Rejects("{\"keys\": [" + Key("x-a", ", \"deprecatedIn\": \"1.1\", \"replacedBy\": \"x-b\"") + "]}", "NTK-CAT-003");
        Assert.Equal("unknown replacement `x-b`", d.Message);
    }

    [Fact]
    public void Wrong_types_and_unknown_properties_are_reported_each()
    {
        var e = Assert.Throws<CatalogException>(() => PrivacyCatalog.Load(
            "{\"keys\": [" + Key("x-a", ", \"needsAdmission\": \"yes\", \"colour\": 1") + "]}", "override.json"));
        Assert.Equal(["/keys/0/needsAdmission", "/keys/0/colour"], e.Diagnostics.Select(d => d.Location!.JsonPointer));
        Assert.Equal("`needsAdmission` must be true or false, not a string", e.Diagnostics[0].Message);
        Assert.Equal("unknown property `colour`", e.Diagnostics[1].Message);
        Assert.All(e.Diagnostics, d => Assert.Equal("NTK-CAT-008", d.Code));
    }

    [Fact]
    public void Missing_required_field_is_reported()
    {
        var d = Rejects("{\"scopes\": [{\"id\": \"scope.x\", " + Row + ", \"status\": \"active\", \"platforms\": [\"wx\"]}]}", "NTK-CAT-008");
        Assert.Equal("missing required field `key`", d.Message);
        Assert.Equal("/scopes/0", d.Location!.JsonPointer);
    }

    [Fact]
    public void Unknown_section_gets_a_suggestion()
    {
        var d = Rejects("{\"binding\": []}", "NTK-CAT-008");
        Assert.Equal("unknown catalog section `binding`", d.Message);
        Assert.Equal("did you mean `bindings`?", d.Help);
    }

    [Fact]
    public void Two_bindings_for_one_construct_are_rejected()
    {
        var d = Rejects("{\"bindings\": [{\"id\": \"wx.getLocation2\", " + Row + ", \"platform\": \"wx\", \"kind\": \"function\", \"api\": \"wx.getLocation\", \"member\": \"getLocation\", \"key\": \"Location\"}]}", "NTK-CAT-009");
        Assert.Equal("bindings `wx.getLocation` and `wx.getLocation2` match the same construct `wx.getLocation`", d.Message);
    }

    [Fact]
    public void Invalid_json_gives_line_and_column()
    {
        var d = Rejects("{\"keys\": [\n  {\"id\": }\n]}", "NTK-CAT-001");
        Assert.Equal(2, d.Location!.Line);
        Assert.StartsWith("catalog file is not valid json: ", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_large_a_file_names_the_limit()
    {
        var d = Rejects(new string(' ', CatalogLoader.MaxDocumentLength + 1), "NTK-CAT-001");
        Assert.Contains("MaxDocumentLength", d.Message, StringComparison.Ordinal);
        Assert.Contains((CatalogLoader.MaxDocumentLength + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Custom_key_ids_have_a_fixed_form()
    {
        Assert.True(PrivacyKey.IsCustomKeyId("x-bank-card"));
        Assert.False(PrivacyKey.IsCustomKeyId("x-"));
        Assert.False(PrivacyKey.IsCustomKeyId("x-Bank"));
        Assert.False(PrivacyKey.IsCustomKeyId("x--a"));
        Assert.False(PrivacyKey.IsCustomKeyId("bank-card"));
        Assert.False(PrivacyKey.IsCustomKeyId("x-a-"));
    }
}
