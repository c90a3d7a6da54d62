using System.Text;
using NeedToKnow.Review.JavaScript;
using NeedToKnow.Review.Sites;

namespace NeedToKnow.Review.Tests.JavaScript;

/// <summary>One case per construct of the counting rules (../shared/corpus/README.md), then hostile inputs.</summary>
public sealed class JavaScriptAnalyzerTests
{
    private static readonly JavaScriptAnalyzer Analyzer = new(JavaScriptApiTable.Default);

    private static JavaScriptFileResult Run(string code, string file = "pages/a/a.js") => Analyzer.Analyze(code, file, "first");

    // "api key kind line:column" for each site, in order.
    private static string[] Sites(string code, string file = "pages/a/a.js") =>
        [.. Run(code, file).Sites.Select(s => $"{s.Api} {s.Key} {s.Kind} {s.Line}:{s.Column}")];

    [Fact]
    public void Call_on_wx()
    {
        var result = Run("Page({\n  onLoad() {\n    wx.getLocation({ type: 'gcj02' })\n  }\n})");
        var site = Assert.Single(result.Sites);
        Assert.Equal(new PrivacySite("Location", "wx.getLocation", "pages/a/a.js", 3, 5, SiteKind.Call, "first", SiteConfidence.High), site);
        Assert.Equal(JavaScriptParseMode.Module, result.Mode);
        Assert.Null(result.Error);
    }

    [Fact]
    public void Feature_check_is_a_reference()
    {
        Assert.Equal(["wx.getUserProfile UserInfo Reference 1:5"], Sites("if (wx.getUserProfile) { x() }"));
    }

    [Fact]
    public void Function_value_passed_on_is_a_reference()
    {
        Assert.Equal(["wx.chooseImage Album Reference 1:24"], Sites("const pick = promisify(wx.chooseImage)"));
    }

    [Fact]
    public void Const_alias()
    {
        Assert.Equal(["wx.getLocation Location Call 1:15"], Sites("const w = wx; w.getLocation()"));
    }

    [Fact]
    public void Conditional_alias()
    {
        Assert.Equal(["wx.chooseImage Album Call 2:1"], Sites("x = wx ? wx : qq\nx.chooseImage({})"));
    }

    [Fact]
    public void Let_alias_assigned_later_and_used_before_its_declaration()
    {
        Assert.Equal(["wx.getLocation Location Call 1:16"], Sites("function f() { api.getLocation() }\nlet api = null; api = wx;"));
    }

    [Fact]
    public void Alias_of_an_alias_and_logical_alias()
    {
        const string code = "const a = typeof wx !== 'undefined' && wx, b = a; b.startCompass()";
        Assert.Equal([$"wx.startCompass Compass Call 1:{code.IndexOf("b.start", StringComparison.Ordinal) + 1}"], Sites(code));
    }

    [Fact]
    public void Destructuring_is_a_reference_at_the_property()
    {
        Assert.Equal(["wx.getLocation Location Reference 1:9", "wx.chooseVideo Album Reference 1:22"],
            Sites("const { getLocation, chooseVideo: cv, login } = wx"));
    }

    [Fact]
    public void Bracket_access_with_a_literal_and_with_constant_folding()
    {
        Assert.Equal(["wx.getLocation Location Call 1:1", "wx.setClipboardData Clipboard Call 2:1", "wx.chooseMedia Album Call 4:1"],
            Sites("wx['getLocation']()\nwx['set' + 'Clipboard' + `Data`]({data: 'x'})\nconst NAME = 'chooseMedia'\nwx[NAME]()"));
    }

    [Fact]
    public void Dynamic_bracket_access_is_not_a_site()
    {
        Assert.Empty(Sites("const names = ['getLocation']; for (const n of names) { wx[n]() } wx[apiName]()"));
    }

    [Fact]
    public void Map_context_chained_held_in_a_variable_and_in_a_property()
    {
        var code = """
            wx.createMapContext('m').moveToLocation()
            const ctx = wx.createMapContext('m')
            ctx.moveToLocation()
            Page({
              onReady() { this.mapCtx = wx.createMapContext('myMap') },
              go() { this.mapCtx.moveToLocation() },
              self() { const that = this; that.mapCtx.moveToLocation() },
              own() { this.moveToLocation() },
            })
            """;
        Assert.Equal(
        [
            "MapContext.moveToLocation Location Call 1:26",
            "MapContext.moveToLocation Location Call 3:5",
            "MapContext.moveToLocation Location Call 6:22",
            "MapContext.moveToLocation Location Call 7:43",
        ], Sites(code));
    }

    [Fact]
    public void Recorder_manager_chained_in_a_variable_and_in_a_property()
    {
        var code = """
            wx.getRecorderManager().start({})
            const recorderManager = wx.getRecorderManager()
            recorderManager.start(options)
            this.rm = wx.getRecorderManager(); this.rm.start()
            timer.start()
            """;
        Assert.Equal(
        [
            "RecorderManager.start Record Call 1:25",
            "RecorderManager.start Record Call 3:17",
            "RecorderManager.start Record Call 4:44",
        ], Sites(code));
    }

    [Fact]
    public void Authorize_with_a_literal_scope_takes_the_key_from_the_scope()
    {
        var result = Run("wx.authorize({ scope: 'scope.writePhotosAlbum', success() {} })");
        var site = Assert.Single(result.Sites);
        Assert.Equal(new PrivacySite("AlbumWriteOnly", "wx.authorize", "pages/a/a.js", 1, 1, SiteKind.Authorize, "first", SiteConfidence.High, "scope.writePhotosAlbum"), site);
    }

    [Fact]
    public void Authorize_with_a_non_literal_scope_is_not_a_site()
    {
        Assert.Empty(Sites("function checkAndAuthorize(scope) { wx.authorize({ scope }) ; wx.authorize({ scope: scope }) }"));
    }

    [Fact]
    public void Comments_and_strings_are_not_uses()
    {
        Assert.Empty(Sites("// wx.getLocation()\n/* promisify(wx.chooseImage) */\nconst desc = '用于演示 wx.getUserProfile'; console.log(`wx.getLocation: `)"));
    }

    [Fact]
    public void The_same_name_on_another_object_is_not_a_site()
    {
        Assert.Empty(Sites("app.getUserInfo(); this.getLocation(); that.chooseImage(); util.setClipboardData('x')"));
    }

    [Fact]
    public void A_platform_name_declared_as_a_local_is_not_the_platform()
    {
        Assert.Empty(Sites("!function(){var tt=n(197);tt.getLocation();function my(){} my.chooseImage()}()"));
        Assert.Equal(["wx.getLocation Location Call 1:20", "wx.chooseImage Album Call 2:1"], Sites("var wx = wx || {}; wx.getLocation()\nwx.chooseImage()"));
        Assert.Equal(["wx.getLocation Location Call 1:37"], Sites("const wx = require('./wx-promise'); wx.getLocation()"));
    }

    [Fact]
    public void Apis_not_in_the_catalog_are_not_sites()
    {
        Assert.Empty(Sites("wx.openLocation({}); wx.getSetting(); wx.login(); wx.requirePrivacyAuthorize(); wx.getSystemInfoSync()"));
    }

    [Fact]
    public void Writing_a_platform_member_is_not_a_use()
    {
        Assert.Empty(Sites("wx.getLocation = function () {}"));
    }

    [Fact]
    public void Other_platforms_and_frameworks()
    {
        Assert.Equal(["uni.chooseImage Album Call 1:1", "Taro.getLocation Location Call 1:20", "qq.setClipboardData Clipboard Call 1:40"],
            Sites("uni.chooseImage(); Taro.getLocation(); qq.setClipboardData({})"));
    }

    [Fact]
    public void Optional_chaining_and_global_object()
    {
        Assert.Equal(["wx.getLocation Location Call 1:1", "wx.chooseImage Album Call 1:22"], Sites("wx?.getLocation?.(); globalThis.wx.chooseImage()"));
    }

    [Fact]
    public void Wxs_body_positions_are_shifted_to_the_file()
    {
        var result = Analyzer.Analyze("var a = 1;\nwx.getLocation()", "pages/a/a.wxml", "first", new SourceOrigin(10, 7));
        Assert.Equal([(11, 1)], result.Sites.Select(s => (s.Line, s.Column)));

        var firstLine = Analyzer.Analyze("  wx.getLocation()", "pages/a/a.wxml", "first", new SourceOrigin(10, 7));
        Assert.Equal([(10, 9)], firstLine.Sites.Select(s => (s.Line, s.Column)));
    }

    [Fact]
    public void TypeScript_falls_back_to_the_token_scan_with_low_confidence()
    {
        var code = """
            /** wx.getLocation in a doc comment */
            export async function pick(this: Page, n: number): Promise<void> {
              const result = await wx.chooseMedia({ count: n } as WechatMiniprogram.ChooseMediaOption)
              const s: string = 'wx.getUserInfo'
              wx.authorize({ scope })
              wx.authorize({ scope: 'scope.record' })
            }
            """;
        var result = Run(code, "pages/a/a.ts");
        Assert.Equal(JavaScriptParseMode.TokenScan, result.Mode);
        Assert.NotNull(result.Error);
        Assert.All(result.Sites, s => Assert.Equal(SiteConfidence.Low, s.Confidence));
        Assert.Equal(["wx.chooseMedia Album Call 3:24", "wx.authorize Record Authorize 6:3"], result.Sites.Select(s => $"{s.Api} {s.Key} {s.Kind} {s.Line}:{s.Column}"));
    }

    [Fact]
    public void Token_scan_finds_aliases_contexts_and_destructuring()
    {
        var code = """
            const w: any = wx; w.getLocation()
            this.mapCtx = wx.createMapContext('m') as any
            this.mapCtx.moveToLocation()
            const { chooseImage } = wx
            wx['get' + 'ClipboardData']()
            wx[name]()
            """;
        Assert.Equal(
        [
            "wx.getLocation Location Call 1:20",
            "MapContext.moveToLocation Location Call 3:13",
            "wx.chooseImage Album Reference 4:9",
            "wx.getClipboardData Clipboard Call 5:1",
        ], Sites(code, "a.ts"));
    }

    [Fact]
    public void Type_declarations_are_skipped_and_counted()
    {
        var analyzer = new JavaScriptAnalyzer(JavaScriptApiTable.Default);
        var result = analyzer.Analyze("declare namespace wx { function getLocation(): void }", "typings/wx.d.ts", "first");
        Assert.Equal(JavaScriptParseMode.Skipped, result.Mode);
        Assert.Empty(result.Sites);
        Assert.Equal(1, analyzer.Counters.Skipped);
    }

    [Fact]
    public void Counters_count_each_mode()
    {
        var analyzer = new JavaScriptAnalyzer(JavaScriptApiTable.Default);
        analyzer.Analyze("export const a = wx.getLocation", "a.js", "first");
        analyzer.Analyze("x = 1 <!-- an HTML-like comment\nwx.getLocation()", "b.js", "first"); // not allowed in modules (ECMA-262 B.1.1)
        analyzer.Analyze("let x: number = wx.getLocation()", "c.ts", "first");
        analyzer.Analyze("wx.showToast({ title: 'wx.request' }); wx.request({})", "d.js", "first");
        analyzer.Analyze("", "e.d.ts", "first");
        var counters = analyzer.Counters;
        Assert.Equal((1, 1, 1, 1, 1, 5), (counters.ParsedAsModule, counters.ParsedAsScript, counters.FellBack, counters.Screened, counters.Skipped, counters.Files));
    }

    [Theory]
    [InlineData("wx.request({}); wx.showToast()", false)]
    [InlineData("const myData = 1; attr.uniq(); swank.x", false)]
    [InlineData("wx.getLocation()", true)]
    [InlineData("wx . createMapContext('m')", true)]
    [InlineData("const w = wx", true)]
    [InlineData("wx['getLocation']()", true)]
    [InlineData("promisify(wx)", false)]
    [InlineData("// wx.getLocation() in a comment is read as code by the screen", true)]
    [InlineData("if (typeof wx !== 'undefined' && wx.getSystemInfoSync) { $(wx); f(a, b)(wx) }", false)]
    [InlineData("!function(){var tt=n(197),o={swan:1};o.m=tt[e.code]||tt[0]; x = 'qq' + a / my}()", false)]
    [InlineData("var api = cond ? wx : my", true)]
    [InlineData("var api = other || wx", true)]
    [InlineData("var api = (wx)", true)]
    [InlineData("var api = await wx", true)]
    [InlineData("const { chooseImage } = wx", true)]
    [InlineData("o = globalThis.wx", true)]
    [InlineData("wx[NAME]()", true)]
    [InlineData("wx['get' + 'Location']()", true)]
    [InlineData("x = a, wx", true)]
    public void The_screen_parses_only_what_may_hold_a_site(string code, bool parsed)
    {
        var analyzer = new JavaScriptAnalyzer(JavaScriptApiTable.Default);
        var result = analyzer.Analyze(code, "a.js", "first");
        Assert.Equal(parsed, result.Mode != JavaScriptParseMode.Screened);
    }

    [Fact]
    public void Without_the_screen_every_file_is_parsed()
    {
        var analyzer = new JavaScriptAnalyzer(JavaScriptApiTable.Default, screen: false);
        Assert.Equal(JavaScriptParseMode.Module, analyzer.Analyze("wx.request({})", "a.js", "first").Mode);
    }

    // Hostile inputs.

    [Fact]
    public void Deep_nesting_does_not_overflow_the_stack()
    {
        const int depth = 10_000;
        var code = new StringBuilder().Append("wx.getLocation(").Append('[', depth).Append(']', depth).Append(")\n")
            .Insert(0, "f(", 0).Append(string.Concat(Enumerable.Repeat("f(", depth))).Append(')', depth).Append("\nwx.chooseImage()").ToString();
        var result = Run(code);
        Assert.Equal(["wx.getLocation Location Call 1:1", "wx.chooseImage Album Call 3:1"], result.Sites.Select(s => $"{s.Api} {s.Key} {s.Kind} {s.Line}:{s.Column}"));
    }

    [Fact]
    public void Deep_nesting_that_exhausts_the_parser_falls_back_to_the_token_scan()
    {
        // Run on a thread with a small stack, so that Acornima's stack guard trips for certain.
        JavaScriptFileResult? result = null;
        var code = new StringBuilder().Append("wx.getLocation(").Append('(', 10_000).Append('1').Append(')', 10_000).Append(')').ToString();
        var thread = new Thread(() => result = Run(code), 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.NotNull(result);
        Assert.Equal(JavaScriptParseMode.TokenScan, result.Mode);
        Assert.Equal("nesting too deep to parse", result.Error?.Message);
        var site = Assert.Single(result.Sites);
        Assert.Equal((SiteConfidence.Low, 1, 1), (site.Confidence, site.Line, site.Column));
    }

    [Fact]
    public void A_five_megabyte_minified_line_is_analyzed()
    {
        var chunk = "!function(){var a=function(b){return b+1},c={d:1,e:'x'};o.p(a,c)}();";
        var builder = new StringBuilder(5 * 1024 * 1024 + 200);
        while (builder.Length < 5 * 1024 * 1024)
        {
            builder.Append(chunk);
        }

        var column = builder.Length + 1;
        builder.Append("wx.setClipboardData({data:'x'});");
        var result = Run(builder.ToString(), "miniprogram_npm/x/index.js");
        var site = Assert.Single(result.Sites);
        Assert.Equal((1, column), (site.Line, site.Column));
    }

    [Fact]
    public void Invalid_syntax_reports_the_error_and_still_finds_the_sites()
    {
        var result = Run("function (\nwx.getLocation()\n}}}");
        Assert.Equal(JavaScriptParseMode.TokenScan, result.Mode);
        Assert.NotNull(result.Error);
        Assert.True(result.Error.Line >= 1 && result.Error.Column >= 1, $"{result.Error}");
        Assert.Equal(["wx.getLocation Location Call 2:1"], result.Sites.Select(s => $"{s.Api} {s.Key} {s.Kind} {s.Line}:{s.Column}"));
    }

    [Fact]
    public void A_bom_is_ignored_and_columns_count_after_it()
    {
        Assert.Equal(["wx.getLocation Location Call 1:1"], Sites("\uFEFFwx.getLocation()"));
        Assert.Equal(["wx.getLocation Location Call 1:1"], Sites("\uFEFFwx.getLocation(", "broken.js"));
    }

    [Fact]
    public void Unterminated_string_and_template_do_not_break_the_token_scan()
    {
        Assert.Equal(["wx.chooseImage Album Call 2:1"], Sites("let a: number = 'open\nwx.chooseImage()", "x.ts"));
        Assert.Empty(Sites("let a: number = `wx.chooseImage() ${", "y.ts"));
    }
}
