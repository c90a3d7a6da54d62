using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Declarations;
using NeedToKnow.Core.Diagnostics;
using NeedToKnow.Review.Launch;
using NeedToKnow.Review.Output;
using NeedToKnow.Review.Packages;
using NeedToKnow.Review.Reports;

namespace NeedToKnow.Review.Tests;

public class PackageReviewerTests
{
    private const string AppJson = """
        {
          "pages": ["pages/index/index"],
          "requiredPrivateInfos": ["getFuzzyLocation", "getLocation"],
          "permission": { "scope.userLocaton": { "desc": "to show shops nearby" } }
        }
        """;

    private const string IndexWxml = "<button open-type=\"getPhoneNumber\">p</button>\n<camera/>\n<web-view src=\"http://1.2.3.4/a\"/>\n<web-view src=\"https://evil.com/x?id={{id}}\"/>\n<web-view src=\"{{url}}\"/>\n<web-view src=\"https://m.example.com/\"/>\n";

    private static ReviewReport Review(TestPackage t, DeclarationValidationResult? declaration, int parallelism = -1) =>
        PackageReviewer.Review(PackageReader.Read(t.Folder), declaration, PrivacyCatalog.Default, new ReviewOptions { DeclarationFile = "privacy.json", MaxDegreeOfParallelism = parallelism });

    private static TestPackage Sample()
    {
        var t = new TestPackage();
        t.Write("app.json", AppJson);
        t.Write("pages/index/index.wxml", IndexWxml);
        t.Write("miniprogram_npm/camkit/index.wxml", "<view>\n  <camera></camera>\n</view>");
        return t;
    }

    private static readonly DeclarationValidationResult Declaration = TestDeclaration.Valid(["PhoneNumber", "Album", "DeviceInfo"], domains: ["example.com"]);

    private static ReviewFinding Single(ReviewReport report, string ruleId) => Assert.Single(report.Findings, f => f.RuleId == ruleId);

    [Fact]
    public void Detected_keys_are_grouped_and_ordered_with_their_sites()
    {
        using var t = Sample();
        var report = Review(t, Declaration);
        Assert.Equal(["Camera", "PhoneNumber"], report.Detected.Select(d => d.Key));
        var camera = report.Detected[0].Sites;
        Assert.Equal([("miniprogram_npm/camkit/index.wxml", 2, 3, "camkit"), ("pages/index/index.wxml", 2, 1, "first")], camera.Select(s => (s.File, s.Line, s.Column, s.Party)));
    }

    [Fact]
    public void Used_but_not_declared_is_an_error_at_the_first_site()
    {
        using var t = Sample();
        var f = Single(Review(t, Declaration), "NTK-REV-001");
        Assert.Equal((DiagnosticSeverity.Error, "Camera", "`Camera` is used but not declared: `<camera>` and 1 other place", "miniprogram_npm/camkit/index.wxml", 2, 3), (f.Severity, f.Key, f.Message, f.File, f.Line, f.Column));
        Assert.Equal("declare the key with its purpose in privacy.json, or remove the code", f.Help);
    }

    [Fact]
    public void Declared_but_never_used_is_a_warning_except_for_self_collected_keys()
    {
        using var t = Sample();
        var f = Single(Review(t, Declaration), "NTK-REV-002");
        Assert.Equal((DiagnosticSeverity.Warning, "Album", "`Album` is declared but no code in the package uses it", "privacy.json"), (f.Severity, f.Key, f.Message, f.File));
    }

    [Fact]
    public void RequiredPrivateInfos_listed_but_unused_points_into_app_json()
    {
        using var t = Sample();
        var found = Review(t, Declaration).Findings.Where(f => f.RuleId == "NTK-REV-004").ToList();
        Assert.Equal(
            [("`requiredPrivateInfos` lists `getFuzzyLocation` but no code in the package uses it", 3, 28), ("`requiredPrivateInfos` lists `getLocation` but no code in the package uses it", 3, 48)],
            found.Select(f => (f.Message, f.Line, f.Column)));
        Assert.All(found, f => Assert.Equal("app.json", f.File));
    }

    [Fact]
    public void Precise_and_fuzzy_location_both_listed_is_an_error()
    {
        using var t = Sample();
        var f = Single(Review(t, Declaration), "NTK-REV-005");
        Assert.Equal(("`requiredPrivateInfos` lists fuzzy `getFuzzyLocation` together with precise `getLocation`", "app.json", 3, 28), (f.Message, f.File, f.Line, f.Column));
    }

    [Fact]
    public void An_unknown_permission_scope_suggests_the_nearest()
    {
        using var t = Sample();
        var f = Single(Review(t, Declaration), "NTK-REV-014");
        Assert.Equal(("app.json `permission` names the unknown scope `scope.userLocaton`: did you mean `scope.userLocation`?", 4, 19), (f.Message, f.Line, f.Column));
    }

    [Fact]
    public void Web_views_not_https_on_an_ip_undeclared_or_dynamic_are_reported_at_the_tag()
    {
        using var t = Sample();
        var found = Review(t, Declaration).Findings.Where(f => f.RuleId is "NTK-REV-007" or "NTK-REV-008" or "NTK-REV-009" or "NTK-REV-010").ToList();
        Assert.Equal(
            [
                ("NTK-REV-008", 3, "web-view opens `http://1.2.3.4/a`, which is not https"),
                ("NTK-REV-009", 3, "web-view opens the IP address `1.2.3.4`"),
                ("NTK-REV-007", 4, "web-view opens `evil.com`, which is not a declared business domain"),
                ("NTK-REV-010", 5, "web-view `src` is `{{url}}`, which is only known at run time"),
            ],
            found.Select(f => (f.RuleId, f.Line, f.Message)));
    }

    [Fact]
    public void Sdk_code_collecting_an_undisclosed_key_is_reported_and_a_disclosed_one_is_not()
    {
        using var t = Sample();
        var f = Single(Review(t, Declaration), "NTK-REV-011");
        Assert.Equal(("SDK `camkit` collects `Camera` (`<camera>`) but the declaration lists no such SDK", "miniprogram_npm/camkit/index.wxml", 2, 3), (f.Message, f.File, f.Line, f.Column));
        var disclosed = TestDeclaration.Valid(["PhoneNumber", "Album", "DeviceInfo"], [("camkit", ["Camera"])], ["example.com"]);
        Assert.DoesNotContain(Review(t, disclosed).Findings, x => x.RuleId == "NTK-REV-011");
    }

    [Fact]
    public void No_declaration_is_one_package_finding()
    {
        using var t = Sample();
        var report = Review(t, null);
        var f = Single(report, "NTK-REV-013");
        Assert.Equal(("the package has no privacy declaration: there is no `privacy.json` at the app root and none was given", null, 0), (f.Message, f.File, f.Line));
        Assert.DoesNotContain(report.Findings, x => x.RuleId is "NTK-REV-001" or "NTK-REV-002" or "NTK-REV-007");
        Assert.Same(f, report.Findings[0]);
    }

    [Fact]
    public void A_valid_declaration_gives_no_declaration_finding()
    {
        using var t = Sample();
        Assert.True(Declaration.IsValid, string.Join("\n", Declaration.Diagnostics.Select(d => d.Code + " " + d.Message)));
        Assert.DoesNotContain(Review(t, Declaration).Findings, f => f.RuleId.StartsWith("NTK-DECL-", StringComparison.Ordinal));
    }

    [Fact]
    public void No_contact_is_the_declaration_validation_finding_at_the_contact_object()
    {
        using var t = Sample();
        var json = TestDeclaration.Json(["PhoneNumber", "Album"]).Replace("\"contact\":{\"email\":\"privacy@cornershop.example.com\"}", "\"contact\":{}", StringComparison.Ordinal);
        var f = Single(Review(t, TestDeclaration.Validate(json)), "NTK-DECL-027");
        Assert.Equal(
            (DiagnosticSeverity.Error, (string?)null, "the declaration gives no contact for users", "privacy.json", 1),
            (f.Severity, f.Key, f.Message, f.File, f.Line));
        Assert.Equal(json.IndexOf("{}", StringComparison.Ordinal) + 1, f.Column);
        Assert.StartsWith("add `contact` with at least one of `phone`, `email`, `other`", f.Help);
    }

    [Fact]
    public void No_change_notice_policy_is_a_missing_field_finding()
    {
        using var t = Sample();
        var json = TestDeclaration.Json(["PhoneNumber", "Album"]).Replace("\"changeNotice\":\"更新隐私保护指引时，通过小程序内弹窗告知你并重新征得同意\",", "", StringComparison.Ordinal);
        var f = Single(Review(t, TestDeclaration.Validate(json)), "NTK-DECL-008");
        Assert.Equal((DiagnosticSeverity.Error, "privacy.json", 1, 1), (f.Severity, f.File, f.Line, f.Column));
        Assert.Contains("`changeNotice`", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_notice_that_names_no_channel_is_reported()
    {
        using var t = Sample();
        var json = TestDeclaration.Json(["PhoneNumber", "Album"]).Replace("更新隐私保护指引时，通过小程序内弹窗告知你并重新征得同意", "会通知", StringComparison.Ordinal);
        var f = Single(Review(t, TestDeclaration.Validate(json)), "NTK-DECL-010");
        Assert.Equal("`changeNotice` does not say how users are told of changes", f.Message);
    }

    [Fact]
    public void A_vague_purpose_is_reported_with_the_key_of_its_item()
    {
        using var t = Sample();
        var json = TestDeclaration.Json(["PhoneNumber", "Album"]).Replace("（Album）", "", StringComparison.Ordinal)
            .Replace("在你点击相关按钮时，用于完成该功能所需的处理并向你展示结果\"", "使用\"", StringComparison.Ordinal);
        var f = Single(Review(t, TestDeclaration.Validate(json)), "NTK-DECL-021");
        Assert.Equal(("Album", "the purpose of `Album` is a placeholder: `使用`"), (f.Key, f.Message));
    }

    [Fact]
    public void An_unreadable_declaration_gives_its_reading_problem_and_no_comparison()
    {
        using var t = Sample();
        var report = Review(t, TestDeclaration.Validate("{\"appId\": \"wx1\","));
        var f = Single(report, "NTK-DECL-001");
        Assert.Equal(("privacy.json", 1), (f.File, f.Line));
        Assert.DoesNotContain(report.Findings, x => x.RuleId is "NTK-REV-001" or "NTK-REV-002" or "NTK-REV-007" or "NTK-REV-013");
        Assert.True(report.DeclarationFound);
    }

    [Fact]
    public void The_declaration_at_the_app_root_is_read_with_the_foundation_validator()
    {
        using var t = Sample();
        Assert.Null(PackageReviewer.ReadDeclaration(PackageReader.Read(t.Folder), PrivacyCatalog.Default));
        t.Write("privacy.json", "\uFEFF" + TestDeclaration.Json(["Camera"]));
        var read = PackageReviewer.ReadDeclaration(PackageReader.Read(t.Folder), PrivacyCatalog.Default);
        Assert.NotNull(read);
        Assert.True(read.IsValid);
        Assert.Equal(["Camera"], read.Declaration!.Items.Select(i => i.Key));
    }

    [Fact]
    public void A_declaration_file_over_the_size_limit_is_not_loaded()
    {
        using var t = new TestPackage();
        var path = t.Write("big.json", new string(' ', (1024 * 1024) + 1));
        var read = PackageReviewer.ReadDeclaration(path, PrivacyCatalog.Default);
        Assert.False(read.IsReadable);
        Assert.Equal(["NTK-DECL-003"], read.Diagnostics.Select(d => d.Code));
        Assert.Equal("big.json", read.Diagnostics[0].Location?.File);
    }

    [Fact]
    public void Findings_are_ordered_by_file_line_column_rule_and_single_thread_gives_the_same_report()
    {
        using var t = Sample();
        var all = Review(t, Declaration);
        var one = Review(t, Declaration, parallelism: 1);
        Assert.Equal(all.Findings, one.Findings);
        Assert.Equal(all.Detected.SelectMany(d => d.Sites), one.Detected.SelectMany(d => d.Sites));
        var keys = all.Findings.Select(f => (f.File ?? "", f.Line, f.Column, f.RuleId)).ToList();
        Assert.Equal(keys.OrderBy(k => k.Item1 == "" ? 0 : 1).ThenBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Line).ThenBy(k => k.Column).ThenBy(k => k.RuleId, StringComparer.Ordinal), keys);
    }

    [Fact]
    public void Json_nested_deeper_than_the_limit_is_reported_and_the_rest_is_reviewed()
    {
        using var t = Sample();
        t.Write("pages/index/index.json", new string('[', 600) + new string(']', 600));
        var report = Review(t, Declaration);
        var f = Single(report, "NTK-PKG-018");
        Assert.Equal("`pages/index/index.json` is nested 600 levels deep, over the limit `maxNestingDepth` = 500; the file was not reviewed", f.Message);
        Assert.Equal(1, report.Coverage.Kinds["json"].Skipped);
        Assert.Contains(report.Detected, d => d.Key == "PhoneNumber");
    }

    [Fact]
    public void Invalid_json_is_a_finding_with_its_position()
    {
        using var t = Sample();
        t.Write("pages/index/index.json", "{\n  \"a\": ,\n}");
        var f = Single(Review(t, Declaration), "NTK-PKG-019");
        Assert.Equal(("pages/index/index.json", 2), (f.File, f.Line));
        Assert.StartsWith("`pages/index/index.json` is not valid JSON: ", f.Message);
    }

    [Fact]
    public void Launch_handlers_are_found_in_app_and_page_options()
    {
        const string app = "App({\n  onLaunch() {\n    wx.getLocation({})\n  },\n  other: function () {}\n})";
        var ranges = LaunchScanner.Ranges(app, "App", "onLaunch");
        var (start, end) = Assert.Single(ranges);
        Assert.Equal("() {\n    wx.getLocation({})\n  }", app[start..end]);
        const string page = "Component({ methods: { onLoad: function (q) { wx.chooseImage() } } })";
        Assert.Single(LaunchScanner.Ranges(page, "Page", "onLoad"));
        Assert.Empty(LaunchScanner.Ranges("this is not javascript (", "App", "onLaunch"));
    }

    [Fact]
    public void Static_hosts_of_web_view_sources()
    {
        Assert.Equal(("https", "a.example.com"), Findings.FindingRules.StaticHost("https://user@a.example.com:8443/x?{{q}}"));
        Assert.Equal(("https", "[::1]"), Findings.FindingRules.StaticHost("https://[::1]/"));
        Assert.Equal((null, null), Findings.FindingRules.StaticHost("https://{{host}}/x"));
        Assert.Equal((null, null), Findings.FindingRules.StaticHost("https://a{{b}}"));
        Assert.Equal((null, null), Findings.FindingRules.StaticHost("{{url}}"));
    }

    [Fact]
    public void Every_rule_id_has_a_title_help_and_source_and_is_documented()
    {
        var doc = File.ReadAllText(NeedToKnow.Testing.RepoPaths.RepoFile("docs", "review.md"));
        var declarationCodes = PrivacyCatalog.Default.ReasonCodes.Where(c => c.Area == ReasonArea.Declaration).Select(c => c.Id).ToList();
        Assert.Equal(25, declarationCodes.Count);
        foreach (var rule in Rules.ReviewRules.All)
        {
            Assert.Matches("^NTK-(PKG|REV|DECL)-\\d{3}$", rule.Id);
            if (rule.Id.StartsWith("NTK-DECL-", StringComparison.Ordinal))
            {
                // Declaration rules: one table row each with an example and the fix.
                Assert.Matches("\\n\\| " + rule.Id + " \\| [^|\\n]+ \\| [^|\\n]+ \\| [^|\\n]+ \\| [^|\\n]+ \\|\\n", doc);
                declarationCodes.Remove(rule.Id);
                continue;
            }

            Assert.Matches("^([a-z`]|SDK )", rule.Title);
            Assert.False(rule.Title.EndsWith('.'), rule.Id);
            Assert.NotEmpty(rule.Help);
            Assert.NotEmpty(rule.Source);
            Assert.Contains("### " + rule.Id, doc, StringComparison.Ordinal);
        }

        Assert.Empty(declarationCodes);
    }

    [Fact]
    public void A_privacy_api_at_launch_and_a_location_api_missing_from_required_private_infos_are_reported()
    {
        using var t = new TestPackage();
        t.Write("app.json", """{"pages":["pages/home/home"],"requiredPrivateInfos":[]}""");
        t.Write("app.js", "App({\n  onLaunch() {\n    wx.getLocation({ success() {} })\n  },\n  later() { wx.chooseImage() }\n})\n");
        t.Write("pages/home/home.js", "Page({\n  onLoad: function () { wx.getClipboardData() },\n  tap() { wx.setClipboardData({}) }\n})\n");
        var report = Review(t, TestDeclaration.Valid(["Location", "Album", "Clipboard"]));
        var launch = report.Findings.Where(f => f.RuleId == "NTK-REV-012").Select(f => (f.File, f.Line, f.Column, f.Message)).ToList();
        Assert.Equal(
            [
                ("app.js", 3, 5, "`wx.getLocation` is called in App `onLaunch`, before any user action"),
                ("pages/home/home.js", 2, 25, "`wx.getClipboardData` is called in the first page's `onLoad`, before any user action"),
            ],
            launch);
        var missing = Single(report, "NTK-REV-003");
        Assert.Equal(("`wx.getLocation` is used but `getLocation` is not in `requiredPrivateInfos` of app.json", "app.js", 3, 5), (missing.Message, missing.File, missing.Line, missing.Column));
        var permission = Single(report, "NTK-REV-006");
        Assert.Equal("`wx.getLocation` needs `scope.userLocation` but app.json has no `permission.scope.userLocation.desc`", permission.Message);
        Assert.Equal(2, report.Coverage.Kinds["javascript"].Parsed);
    }

    [Fact]
    public void Scripts_that_cannot_reach_a_privacy_api_are_counted_as_screened_not_skipped()
    {
        using var t = new TestPackage();
        t.Write("app.json", """{"pages":[]}""");
        t.Write("net.js", "module.exports = () => wx.request({ url: 'https://a.example/' })\n");
        t.Write("util.js", "module.exports = (a, b) => a + b\n");
        t.Write("ok.js", "wx.chooseImage()\n");
        var report = Review(t, TestDeclaration.Valid(["Album"]));
        Assert.Equal(new KindCoverage(1, 0, 0, 2), report.Coverage.Kinds["javascript"]);
        Assert.Contains("javascript 1 parsed, 2 screened (no privacy API reachable)", ReviewTextWriter.Write(report), StringComparison.Ordinal);
    }

    [Fact]
    public void A_script_that_does_not_parse_falls_back_to_a_token_scan_and_says_so()
    {
        using var t = new TestPackage();
        t.Write("app.json", """{"pages":[]}""");
        t.Write("broken.js", "function (\nwx.chooseImage()\n");
        t.Write("ok.js", "wx.chooseImage()\n");
        var report = Review(t, TestDeclaration.Valid(["Album"]));
        Assert.Equal((1, 1), (report.Coverage.Kinds["javascript"].Parsed, report.Coverage.Kinds["javascript"].FellBack));
        Assert.Equal("broken.js", Single(report, "NTK-PKG-020").File);
        Assert.Contains(report.Detected.Single().Sites, s => s.File == "broken.js" && s.Confidence == NeedToKnow.Review.Sites.SiteConfidence.Low);
        Assert.Contains(report.Detected.Single().Sites, s => s.File == "ok.js" && s.Confidence == NeedToKnow.Review.Sites.SiteConfidence.High);
    }

    [Fact]
    public void Inline_wxs_is_analysed_as_script_at_its_position_in_the_wxml()
    {
        using var t = new TestPackage();
        t.Write("app.json", """{"pages":[]}""");
        t.Write("a.wxml", "<view/>\n<wxs module=\"m\">\nvar x = 1;\nwx.chooseImage()\n</wxs>");
        var report = Review(t, TestDeclaration.Valid(["Album"]));
        Assert.Equal(1, report.Coverage.InlineScripts);
        var site = report.Detected.Single().Sites.Single();
        Assert.Equal(("a.wxml", 4, 1), (site.File, site.Line, site.Column));
    }
}
