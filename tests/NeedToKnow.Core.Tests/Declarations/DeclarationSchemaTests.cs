using System.Text.Json;
using NeedToKnow.Core.Declarations;
using NeedToKnow.Testing;

namespace NeedToKnow.Core.Tests.Declarations;

public class DeclarationSchemaTests
{
    private static JsonElement Schema()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.RepoFile("docs", "privacy-declaration.schema.json")));
        return doc.RootElement.Clone();
    }

    private static string[] Names(JsonElement obj) =>
        obj.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void The_schema_is_draft_2020_12_and_names_the_fields_the_parser_reads()
    {
        var schema = Schema();
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.GetProperty("$schema").GetString());
        var props = schema.GetProperty("properties");
        Assert.Equal(DeclarationParser.RootFields.Order(StringComparer.Ordinal), Names(schema));
        Assert.Equal(DeclarationParser.DeveloperFields.Order(StringComparer.Ordinal), Names(props.GetProperty("developer")));
        Assert.Equal(DeclarationParser.ContactFields.Order(StringComparer.Ordinal), Names(props.GetProperty("contact")));
        Assert.Equal(DeclarationParser.ItemFields.Order(StringComparer.Ordinal), Names(props.GetProperty("items").GetProperty("items")));
        Assert.Equal(DeclarationParser.SdkFields.Order(StringComparer.Ordinal), Names(props.GetProperty("sdks").GetProperty("items")));
        var retention = props.GetProperty("retention").GetProperty("anyOf")[1].GetProperty("enum").EnumerateArray().Select(e => e.GetString()!);
        Assert.Equal(DeclarationValidator.NamedRetentionRules, retention);
    }

    [Fact]
    public void The_example_declaration_is_valid_and_complete()
    {
        var result = DeclarationValidator.Validate(File.ReadAllBytes(RepoPaths.RepoFile("examples", "privacy.json")), "examples/privacy.json");
        Assert.True(result.IsValid);
        Assert.Empty(result.Diagnostics);
        var d = result.Declaration!;
        Assert.Equal("wx8f2c0a5e1b3d4c6a", d.AppId);
        Assert.Equal(["PhoneNumber", "Location", "Album"], d.Items.Select(i => i.Key));
        Assert.Equal(NeedToKnow.Core.Catalog.LocationPrecision.Precise, d.Items[1].Precision);
        Assert.True(d.Items[0].Necessary);
    }

    [Fact]
    public void The_example_program_uses_exactly_the_declared_keys()
    {
        // A slow, obvious check (STYLE.md H14) until the reviewer exists: every wx.<member> call and open-type in the example.
        var catalog = NeedToKnow.Core.Catalog.PrivacyCatalog.Default;
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(RepoPaths.RepoFile("examples", "miniprogram"), "*.*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"wx\.([A-Za-z]+)\("))
            {
                if (catalog.TryGetFunction("wx", m.Groups[1].Value, out var binding))
                {
                    keys.Add(binding.Key);
                }
            }

            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, "open-type=\"([^\"]+)\""))
            {
                foreach (var binding in catalog.FindAttributeBindings("button", "open-type", m.Groups[1].Value))
                {
                    keys.Add(binding.Key);
                }
            }
        }

        Assert.Equal(["Album", "Location", "PhoneNumber"], keys);
    }
}
