using System.Text;
using NeedToKnow.Core.Declarations;
using NeedToKnow.Core.Diagnostics;

namespace NeedToKnow.Core.Tests.Declarations;

/// <summary>One test per kind of bad input (STYLE.md H10): none crashes, each names the problem and the place.</summary>
public class DeclarationBadInputTests
{
    private const string Valid = """
        {
          "appId": "wx0123456789abcdef",
          "version": "1.0.0",
          "developer": { "name": "Example Ltd.", "entityType": "organisation", "verified": true },
          "serviceCategory": "utilities",
          "contact": { "email": "privacy@example.com" },
          "changeNotice": "更新时通过小程序内弹窗通知你并重新征得同意",
          "retention": "P30D",
          "items": []
        }
        """;

    private static DeclarationValidationResult Check(byte[] bytes) => DeclarationValidator.Validate(bytes, "privacy.json");

    private static Diagnostic Single(DeclarationValidationResult result, string code)
    {
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(code, d.Code);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("privacy.json", d.Location!.File);
        return d;
    }

    [Fact]
    public void The_valid_document_is_valid()
    {
        var result = Check(Encoding.UTF8.GetBytes(Valid));
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Truncated_json_is_unreadable_with_its_position()
    {
        var text = Valid[..Valid.IndexOf("\"retention\"", StringComparison.Ordinal)];
        var result = Check(Encoding.UTF8.GetBytes(text));
        var d = Single(result, "NTK-DECL-001");
        Assert.False(result.IsReadable);
        Assert.Equal("declaration ends too early: the json is truncated", d.Message);
        Assert.Equal(8, d.Location!.Line);
    }

    [Fact]
    public void Wrong_types_are_each_reported_with_pointer_and_position()
    {
        var result = Check(Encoding.UTF8.GetBytes(Valid.Replace("\"version\": \"1.0.0\"", "\"version\": 1", StringComparison.Ordinal).Replace("\"items\": []", "\"items\": {}", StringComparison.Ordinal)));
        Assert.True(result.IsReadable);
        Assert.False(result.IsValid);
        Assert.Equal(["/version", "/items"], result.Diagnostics.Select(d => d.Location!.JsonPointer));
        Assert.All(result.Diagnostics, d => Assert.Equal("NTK-DECL-007", d.Code));
        Assert.Equal("`version` must be a string, not a number", result.Diagnostics[0].Message);
        Assert.Equal((3, 14), (result.Diagnostics[0].Location!.Line, result.Diagnostics[0].Location!.Column));
    }

    [Fact]
    public void Duplicate_properties_are_rejected_with_both_places()
    {
        var result = Check(Encoding.UTF8.GetBytes(Valid.Replace("\"version\": \"1.0.0\",", "\"version\": \"1.0.0\", \"version\": \"2.0.0\",", StringComparison.Ordinal)));
        var d = Single(result, "NTK-DECL-006");
        Assert.Equal("duplicate property `version`: first defined at line 3, column 3", d.Message);
        Assert.Equal((3, 23), (d.Location!.Line, d.Location!.Column));
        Assert.Equal("/version", d.Location.JsonPointer);
        Assert.Equal("1.0.0", result.Declaration!.Version);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Valid.Replace("\"version\": \"1.0.0\"", "\"version\": 1", StringComparison.Ordinal))).ToArray();
        var result = Check(bytes);
        var d = Single(result, "NTK-DECL-007");
        Assert.Equal((3, 14), (d.Location!.Line, d.Location!.Column));
        Assert.True(Check(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Valid)).ToArray()).IsValid);
    }

    [Fact]
    public void Comments_are_reported_and_the_rest_is_still_checked()
    {
        var result = Check(Encoding.UTF8.GetBytes(Valid.Replace("\"items\": []", "// none yet\n  \"items\": []", StringComparison.Ordinal)));
        var d = Single(result, "NTK-DECL-005");
        Assert.Equal("comments are not allowed in a declaration", d.Message);
        Assert.Equal((9, 3), (d.Location!.Line, d.Location!.Column));
        Assert.True(result.IsReadable);
    }

    [Fact]
    public void A_50_mb_file_is_refused_by_the_named_limit()
    {
        var bytes = new byte[50 * 1024 * 1024];
        Array.Fill(bytes, (byte)' ');
        var result = Check(bytes);
        var d = Single(result, "NTK-DECL-003");
        Assert.Equal("declaration is larger than the limit `MaxBytes` of 1048576 bytes: it has 52428800 bytes", d.Message);
        Assert.False(result.IsReadable);
    }

    [Fact]
    public void Ten_thousand_deep_nesting_stops_at_the_depth_limit()
    {
        var text = "{\"items\": " + new string('[', 10_000) + new string(']', 10_000) + "}";
        var result = Check(Encoding.UTF8.GetBytes(text));
        var d = Single(result, "NTK-DECL-004");
        Assert.Equal("json is nested deeper than the limit `MaxDepth` of 32", d.Message);
        Assert.Equal(1, d.Location!.Line);
        Assert.Equal(42, d.Location.Column);
    }

    [Fact]
    public void Invalid_utf8_is_unreadable_with_the_byte_position()
    {
        var bytes = Encoding.UTF8.GetBytes(Valid.Replace("Example Ltd.", "Example Ltd\u00e9", StringComparison.Ordinal));
        var at = Array.IndexOf(bytes, (byte)0xC3);
        bytes[at] = 0xFF;
        var result = Check(bytes);
        var d = Single(result, "NTK-DECL-002");
        Assert.Equal("declaration is not valid utf-8: invalid byte 0xFF at byte " + at, d.Message);
        Assert.Equal(4, d.Location!.Line);
        Assert.False(result.IsReadable);
    }

    [Theory]
    [InlineData("utf-16le", true)]
    [InlineData("utf-16le", false)]
    [InlineData("utf-16be", true)]
    [InlineData("utf-16be", false)]
    public void A_utf16_file_is_named_as_utf16(string encoding, bool bom)
    {
        var unicode = new UnicodeEncoding(bigEndian: encoding == "utf-16be", byteOrderMark: bom);
        byte[] bytes = [.. unicode.GetPreamble(), .. unicode.GetBytes(Valid)];
        var result = Check(bytes);
        var d = Single(result, "NTK-DECL-002");
        Assert.Equal("declaration is " + encoding + ", not utf-8", d.Message);
        Assert.Equal("save the file as utf-8", d.Help);
        Assert.False(result.IsReadable);
    }

    [Fact]
    public void Not_an_object_is_reported()
    {
        var d = Single(Check("[1, 2]"u8.ToArray()), "NTK-DECL-007");
        Assert.Equal("a declaration must be a json object, not an array", d.Message);
    }

    [Fact]
    public void Empty_input_is_unreadable()
    {
        var d = Single(Check([]), "NTK-DECL-001");
        Assert.Equal("declaration is empty", d.Message);
    }

    [Fact]
    public void Too_long_a_string_names_its_limit()
    {
        var result = Check(Encoding.UTF8.GetBytes(Valid.Replace("Example Ltd.", new string('a', 5000), StringComparison.Ordinal)));
        var d = Single(result, "NTK-DECL-003");
        Assert.Equal("string is longer than the limit `MaxStringLength` of 4096 characters: it has 5000", d.Message);
        Assert.Equal("/developer/name", d.Location!.JsonPointer);
    }

    [Fact]
    public void Positions_count_utf16_columns_after_chinese_text()
    {
        var result = Check(Encoding.UTF8.GetBytes(Valid.Replace("\"changeNotice\": \"更新时通过小程序内弹窗通知你并重新征得同意\",", "\"changeNotice\": \"更新\", \"x\": 1,", StringComparison.Ordinal)));
        var unknown = Assert.Single(result.Diagnostics, d => d.Code == "NTK-DECL-009");
        Assert.Equal((7, 25), (unknown.Location!.Line, unknown.Location!.Column));
    }
}
