using NeedToKnow.Core.Diagnostics;
using NeedToKnow.Links.Policy;

namespace NeedToKnow.Links.Tests.Policy;

/// <summary>One test per configuration error kind (STYLE.md H6): code, message, help, pointer and line:column.</summary>
public sealed class LinkPolicyConfigTests
{
    [Fact]
    public void The_embedded_example_is_valid()
    {
        var json = File.ReadAllText(NeedToKnow.Testing.RepoPaths.RepoFile("docs", "links-policy.example.json"));
        var diagnostics = LinkPolicyConfig.TryParse(json, "links-policy.example.json", out var config);
        Assert.Empty(diagnostics);
        Assert.Equal(11, config!.RuleCount);
        Assert.Equal(11, LinkPolicyConfig.Default.RuleCount);
    }

    [Fact]
    public void Invalid_json_is_ntk_link_001_with_line_and_column()
    {
        var d = Single("{\n  \"version\": 1,\n  \"rules\": [,]\n}");
        Assert.Equal("NTK-LINK-001", d.Code);
        Assert.StartsWith("the configuration is not valid JSON: ", d.Message, StringComparison.Ordinal);
        Assert.Equal("fix the JSON syntax at this position", d.Help);
        Assert.Equal(3, d.Location!.Line);
        Assert.Equal(13, d.Location.Column);
    }

    [Fact]
    public void Unknown_property_is_ntk_link_002_with_a_suggestion()
    {
        var d = Single("{\n  \"version\": 1,\n  \"rulez\": []\n}");
        AssertDiagnostic(d, "NTK-LINK-002", "unknown property `rulez`", "did you mean `rules`?", "/rulez", 3, 12);
    }

    [Fact]
    public void Wrong_type_is_ntk_link_003()
    {
        var d = Single("{\"lists\": {\"platform\": \"qq.com\"}}");
        AssertDiagnostic(d, "NTK-LINK-003", "expected an array of domain names, found a string", "write an array of domain names here", "/lists/platform", 1, 24);
    }

    [Fact]
    public void Bad_domain_is_ntk_link_004()
    {
        var d = Single("{\"lists\": {\"rivals\": [\"taobao.com\", \"https://tmall.com/\"]}}");
        AssertDiagnostic(d, "NTK-LINK-004", "`https://tmall.com/` is not a domain name",
            "write the host only, e.g. `example.com`: no scheme, path, port or `*`", "/lists/rivals/1", 1, 37);
    }

    [Fact]
    public void Unknown_list_is_ntk_link_005_with_a_suggestion()
    {
        var d = Single("{\"lists\": {\"rivals\": []}, \"rules\": [{\"id\": \"r\", \"list\": \"rival\", \"decision\": \"block\"}]}");
        AssertDiagnostic(d, "NTK-LINK-005", "unknown list `rival`", "did you mean `rivals`?", "/rules/0/list", 1, 57);
    }

    [Fact]
    public void A_rule_with_an_unknown_list_still_has_its_other_problems_reported()
    {
        var diagnostics = LinkPolicyConfig.TryParse(
            "{\"lists\": {\"rivals\": []}, \"rules\": [{\"id\": \"r\", \"list\": \"rival\", \"contexts\": [\"chats\"], \"decision\": \"blok\"}]}",
            "policy.json",
            out var config);
        Assert.Null(config);
        Assert.Equal(
            [("NTK-LINK-005", "/rules/0/list"), ("NTK-LINK-010", "/rules/0/contexts/0"), ("NTK-LINK-007", "/rules/0/decision")],
            diagnostics.Select(d => (d.Code, d.Location!.JsonPointer!)));
    }

    [Fact]
    public void Unknown_category_is_ntk_link_006_with_a_suggestion()
    {
        var d = Single("{\"rules\": [{\"id\": \"a\", \"category\": \"app-downloads\", \"decision\": \"block\"}]}");
        AssertDiagnostic(d, "NTK-LINK-006", "unknown category `app-downloads`", "did you mean `app-download`?", "/rules/0/category", 1, 36);
    }

    [Fact]
    public void Unknown_decision_is_ntk_link_007_with_a_suggestion()
    {
        var d = Single("{\"rules\": [{\"id\": \"a\", \"category\": \"ip-host\", \"decision\": \"blok\"}]}");
        AssertDiagnostic(d, "NTK-LINK-007", "unknown decision `blok`", "did you mean `block`?", "/rules/0/decision", 1, 59);
    }

    [Fact]
    public void Duplicate_rule_id_is_ntk_link_008()
    {
        var d = Single("{\"rules\": [{\"id\": \"a\", \"category\": \"ip-host\", \"decision\": \"block\"},\n {\"id\": \"a\", \"category\": \"non-https\", \"decision\": \"block\"}]}");
        AssertDiagnostic(d, "NTK-LINK-008", "duplicate rule id `a`", "give every rule a unique `id`", "/rules/1/id", 2, 9);
    }

    [Fact]
    public void Incomplete_rule_is_ntk_link_009()
    {
        var d = Single("{\"rules\": [{\"id\": \"a\", \"category\": \"ip-host\"}]}");
        AssertDiagnostic(d, "NTK-LINK-009", "the rule has no `decision`", "add `\"decision\"`: `openInApp`, `copyToBrowser` or `block`", "/rules/0", 1, 12);
    }

    [Fact]
    public void Unknown_context_is_ntk_link_010_with_a_suggestion()
    {
        var d = Single("{\"defaults\": {\"webveiw\": \"block\"}}");
        AssertDiagnostic(d, "NTK-LINK-010", "unknown context `webveiw`", "did you mean `webview`?", "/defaults/webveiw", 1, 26);
    }

    [Fact]
    public void Over_size_configuration_is_ntk_link_011_naming_the_limit()
    {
        var json = "{\"lists\": {\"x\": [\"" + new string('a', LinkPolicyConfig.MaxBytes) + "\"]}}";
        var d = Single(json);
        Assert.Equal("NTK-LINK-011", d.Code);
        Assert.Equal($"the configuration is {json.Length} bytes: the limit is {LinkPolicyConfig.MaxBytes} bytes", d.Message);
    }

    [Fact]
    public void Unsupported_version_is_ntk_link_012()
    {
        var d = Single("{\"version\": 2}");
        AssertDiagnostic(d, "NTK-LINK-012", "unsupported configuration version `2`", "set `\"version\": 1`", "/version", 1, 13);
    }

    [Fact]
    public void Reserved_list_name_is_ntk_link_013()
    {
        var d = Single("{\"lists\": {\"business\": []}}");
        AssertDiagnostic(d, "NTK-LINK-013", "the list `business` is reserved: it holds the business domains of the app a link comes from",
            "rename the list; rules may still name `business`", "/lists/business", 1, 24);
    }

    [Fact]
    public void Messages_follow_the_style_guide()
    {
        var inputs = new[] { "{", "{\"x\": 1}", "{\"lists\": {\"a\": [\"a b\"]}}", "{\"version\": 2}", "{\"rules\": [{}]}" };
        foreach (var input in inputs)
        {
            foreach (var d in LinkPolicyConfig.TryParse(input, "c.json", out _))
            {
                Assert.Matches("^[a-z`][^\n]*[^.]$", d.Message);
            }
        }
    }

    private static Diagnostic Single(string json)
    {
        var diagnostics = LinkPolicyConfig.TryParse(json, "policy.json", out var config);
        Assert.Null(config);
        return Assert.Single(diagnostics);
    }

    private static void AssertDiagnostic(Diagnostic d, string code, string message, string help, string pointer, int line, int column)
    {
        Assert.Equal(code, d.Code);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal(message, d.Message);
        Assert.Equal(help, d.Help);
        Assert.Equal("policy.json", d.Location!.File);
        Assert.Equal(pointer, d.Location.JsonPointer);
        Assert.Equal((line, column), (d.Location.Line, d.Location.Column));
    }
}
