using System.Diagnostics;
using System.Text.Json;
using NeedToKnow.Testing;

namespace NeedToKnow.Cli.Tests.Review;

public sealed class ReviewCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "ntk-cli-review-" + Guid.NewGuid().ToString("N"));

    public ReviewCommandTests()
    {
        Write("app/app.json", """{"pages":["pages/index/index"]}""");
        Write("app/pages/index/index.wxml", "<button open-type=\"getPhoneNumber\">p</button>\n<web-view src=\"https://evil.com/\"/>\n");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, true);
        }
        catch (IOException)
        {
        }
    }

    private string App => Path.Combine(folder, "app");

    private string Write(string relative, string text)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Json_has_exactly_the_documented_shape()
    {
        var (exit, stdout, _) = CliRunner.Run("review", App, "--format", "json");
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(["tool", "package", "detected", "findings", "coverage"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["root", "files", "bytes"], root.GetProperty("package").EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, root.GetProperty("package").GetProperty("files").GetInt32());
        var detected = Assert.Single(root.GetProperty("detected").EnumerateArray());
        Assert.Equal("PhoneNumber", detected.GetProperty("key").GetString());
        var site = Assert.Single(detected.GetProperty("sites").EnumerateArray());
        Assert.Equal(["file", "line", "column", "api", "kind", "party", "confidence"], site.EnumerateObject().Select(p => p.Name));
        Assert.Equal("pages/index/index.wxml|1|9|<button open-type=\"getPhoneNumber\">|component|first|high", string.Join('|', site.EnumerateObject().Select(p => p.Value.ToString())));
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.All(findings, f => Assert.Equal(["ruleId", "severity", "key", "message", "file", "line", "column"], f.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(["NTK-REV-013"], findings.Select(f => f.GetProperty("ruleId").GetString()));
        Assert.Equal(JsonValueKind.Null, findings[0].GetProperty("file").ValueKind);
        Assert.Equal(JsonValueKind.Null, findings[0].GetProperty("line").ValueKind);
        Assert.Equal(JsonValueKind.Null, findings[0].GetProperty("column").ValueKind);
    }

    [Fact]
    public void The_example_project_is_reviewed_against_the_privacy_json_beside_its_project_config()
    {
        // examples/ keeps privacy.json beside project.config.json, whose miniprogramRoot puts the app root below it.
        var (exit, stdout, stderr) = CliRunner.Run("review", RepoPaths.RepoFile("examples"), "--format", "json");
        Assert.True(exit == 0, stdout + stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Empty(doc.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal(["Album", "Location", "PhoneNumber"], doc.RootElement.GetProperty("detected").EnumerateArray().Select(d => d.GetProperty("key").GetString()).Order());
    }

    [Fact]
    public void Without_a_declaration_text_output_says_so_and_groups_places_by_key()
    {
        var (exit, stdout, stderr) = CliRunner.Run("review", App);
        Assert.Equal(1, exit);
        Assert.Contains("has no privacy.json at its app root", stderr);
        Assert.Contains("  PhoneNumber (1 place)\n    pages/index/index.wxml:1:9  <button open-type=\"getPhoneNumber\">  component\n", stdout);
        Assert.Contains("error NTK-REV-013: the package has no privacy declaration", stdout);
    }

    /// <summary>A declaration that passes the foundation's validation, declaring <paramref name="keys"/>, with evil.com as business domain.</summary>
    private static string Declaration(string contact = "{\"email\": \"privacy@cornershop.example.com\"}", params string[] keys) =>
        "{\"appId\": \"wx8f2c0a5e1b3d4c6a\", \"version\": \"1.0.0\", \"developer\": {\"name\": \"Corner Shop Trading Co., Ltd.\", \"entityType\": \"organisation\", \"verified\": true},\n"
        + "\"serviceCategory\": \"online-shopping\", \"contact\": " + contact + ",\n"
        + "\"changeNotice\": \"更新隐私保护指引时，通过小程序内弹窗告知你并重新征得同意\", \"retention\": \"until-account-deletion\",\n"
        + "\"items\": [" + string.Join(", ", keys.Select(k => "{\"key\": \"" + k + "\", \"purpose\": \"在你点击相关按钮时，用于完成该功能所需的处理并向你展示结果（" + k + "）\", \"necessity\": \"optional\"}")) + "],\n"
        + "\"businessDomains\": [\"evil.com\"]}";

    [Fact]
    public void A_declaration_at_the_app_root_is_used_and_fail_on_controls_the_exit_code()
    {
        Write("app/privacy.json", Declaration(keys: ["PhoneNumber"]));
        var (exit, stdout, _) = CliRunner.Run("review", App, "--format", "json");
        Assert.Equal(0, exit);
        Assert.DoesNotContain("NTK-REV-013", stdout);
        Assert.DoesNotContain("NTK-DECL-", stdout);
        Write("app/privacy.json", Declaration(keys: ["PhoneNumber", "Album"]));
        Assert.Equal(0, CliRunner.Run("review", App, "--format", "json").Exit);
        Assert.Equal(1, CliRunner.Run("review", App, "--format", "json", "--fail-on", "warning").Exit);
        Assert.Equal(0, CliRunner.Run("review", App, "--fail-on", "none").Exit);
    }

    [Fact]
    public void Declaration_validation_problems_are_review_findings_with_their_rule_ids()
    {
        Write("app/privacy.json", Declaration("{}", "PhoneNumber"));
        var (exit, stdout, _) = CliRunner.Run("review", App, "--format", "json");
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(stdout);
        var f = Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("NTK-DECL-027|error||the declaration gives no contact for users|privacy.json|2|50", string.Join('|', f.EnumerateObject().Select(p => p.Value.ToString())));
        var (_, sarif, _) = CliRunner.Run("review", App, "--format", "sarif");
        using var log = JsonDocument.Parse(sarif);
        var run = log.RootElement.GetProperty("runs")[0];
        var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "NTK-DECL-027");
        Assert.Equal("DeclarationNoContact", rule.GetProperty("name").GetString());
        Assert.Equal("The declaration gives no contact for users.", rule.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal("NTK-DECL-027", Assert.Single(run.GetProperty("results").EnumerateArray()).GetProperty("ruleId").GetString());
    }

    [Fact]
    public void A_given_declaration_file_is_validated_and_named_by_its_file_name()
    {
        var given = Write("given/declaration.json", Declaration(keys: ["PhoneNumber"]).Replace("\"retention\": \"until-account-deletion\",", "", StringComparison.Ordinal));
        var (exit, stdout, _) = CliRunner.Run("review", App, "--declaration", given, "--format", "json");
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(stdout);
        var f = Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal(("NTK-DECL-008", "declaration.json"), (f.GetProperty("ruleId").GetString(), f.GetProperty("file").GetString()));
        Assert.Contains("`retention`", f.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_package_exits_with_2()
    {
        var missing = Path.Combine(folder, "missing");
        var (exit, stdout, _) = CliRunner.Run("review", missing, "--format", "json");
        Assert.Equal(2, exit);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("package `" + missing + "` does not exist", doc.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public void A_missing_package_is_one_line_in_text()
    {
        var missing = Path.Combine(folder, "missing");
        var (exit, stdout, stderr) = CliRunner.Run("review", missing);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith("error: package `" + missing + "` does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_given_as_the_declaration_is_named_as_a_folder()
    {
        var (exit, _, stderr) = CliRunner.Run("review", App, "--declaration", folder);
        Assert.Equal(2, exit);
        Assert.StartsWith("error: declaration `" + folder + "` is a folder, not a file", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_is_byte_identical_on_two_runs_in_every_format()
    {
        foreach (var format in new[] { "text", "json", "sarif" })
        {
            var a = Path.Combine(folder, "a." + format);
            var b = Path.Combine(folder, "b." + format);
            CliRunner.Run("review", App, "--format", format, "--output", a);
            CliRunner.Run("review", App, "--format", format, "--output", b);
            Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
            Assert.True(new FileInfo(a).Length > 100);
        }
    }

    [Fact]
    public void A_folder_of_packages_reviews_each_with_plain_progress_lines()
    {
        Write("many/one/app.json", "{}");
        Write("many/two/app.json", "{}");
        var (_, stdout, stderr) = CliRunner.Run("review", Path.Combine(folder, "many"), "--format", "json");
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(2, doc.RootElement.GetArrayLength());
        Assert.Contains("reviewed 1/2: ", stderr);
        Assert.Contains("reviewed 2/2: ", stderr);
    }

    [Fact]
    public void A_folder_of_packages_on_a_terminal_shows_a_progress_bar_instead_of_lines()
    {
        Write("many/one/app.json", "{}");
        Write("many/two/app.json", "{}");
        var terminal = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Ansi = Spectre.Console.AnsiSupport.Yes,
            Interactive = Spectre.Console.InteractionSupport.Yes,
            ColorSystem = Spectre.Console.ColorSystemSupport.NoColors,
            Out = new Spectre.Console.AnsiConsoleOutput(terminal),
        });
        var error = new StringWriter();
        var output = new CliOutput(new StringWriter(), error);
        NeedToKnow.Cli.Commands.ReviewCommands.Run(output, new(["" + Path.Combine(folder, "many")], null, "json", null, "none", null), console);
        Assert.DoesNotContain("reviewed 1/2", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("reviewing two", terminal.ToString(), StringComparison.Ordinal);
        Assert.Contains("100%", terminal.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sarif_passes_the_official_validator_with_no_errors()
    {
        var tool = Environment.GetEnvironmentVariable("NTK_SARIF_MULTITOOL") is { Length: > 0 } env
            ? env
            : RepoPaths.RepoFile(".tmp", "tools", "sarif", "node_modules", ".bin", "sarif-multitool");
        Assert.True(File.Exists(tool), "the SARIF validator is not installed: run `source scripts/setup/40-sarif.sh`");
        Write("app/pages/index/index.json", "{ bad json");
        Write("app/privacy.json", Declaration("{}", "Album"));
        var sarif = Path.Combine(folder, "out.sarif");
        CliRunner.Run("review", App, "--format", "sarif", "--output", sarif);
        var report = Path.Combine(folder, "validation.sarif");
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "validate", sarif, "--output", report, "--log", "ForceOverwrite" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var (outText, errText) = (await stdout, await stderr);
        using var result = JsonDocument.Parse(File.ReadAllText(report));
        var errors = result.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(r => r.TryGetProperty("level", out var l) && l.GetString() == "error")
            .Select(r => r.GetProperty("message").ToString())
            .ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors) + outText + errText);
    }

    [Fact]
    public void Declare_init_drafts_a_declaration_with_the_detected_keys_and_todo_purposes()
    {
        var target = Path.Combine(folder, "draft.json");
        var exit = NeedToKnow.Cli.Commands.DeclareInitCommand.Run(new CliOutput(new StringWriter(), new StringWriter()), App, target, force: false);
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(File.ReadAllText(target));
        var item = Assert.Single(doc.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("PhoneNumber", item.GetProperty("key").GetString());
        Assert.StartsWith("TODO", item.GetProperty("purpose").GetString());
        Assert.Equal(["evil.com"], doc.RootElement.GetProperty("businessDomains").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(2, NeedToKnow.Cli.Commands.DeclareInitCommand.Run(new CliOutput(new StringWriter(), new StringWriter()), App, target, force: false));

        // The draft is not a declaration until the developer writes the purposes: its TODOs fail validation.
        var (validateExit, _, validateErr) = CliRunner.Run("declare", "validate", target);
        Assert.Equal(1, validateExit);
        Assert.Contains("NTK-DECL-021", validateErr, StringComparison.Ordinal);
        Assert.Contains("is a placeholder", validateErr, StringComparison.Ordinal);
        Assert.StartsWith("TODO", doc.RootElement.GetProperty("appId").GetString());
    }

    [Theory]
    [InlineData("""{"appid": "wx8f2c0a5e1b3d4c6a", "miniprogramRoot": "app/"}""", "wx8f2c0a5e1b3d4c6a")]
    [InlineData("""{"appid": "touristappid", "miniprogramRoot": "app/"}""", null)]
    [InlineData("""{"miniprogramRoot": "app/"}""", null)]
    [InlineData("""{"appid": 7, """, null)]
    public void Declare_init_takes_the_app_id_from_project_config_json(string config, string? expected)
    {
        Write("project.config.json", config);
        var target = Path.Combine(folder, "draft.json");
        Assert.Equal(0, NeedToKnow.Cli.Commands.DeclareInitCommand.Run(new CliOutput(new StringWriter(), new StringWriter()), folder, target, force: false));
        using var doc = JsonDocument.Parse(File.ReadAllText(target));
        var appId = doc.RootElement.GetProperty("appId").GetString()!;
        if (expected is null)
        {
            Assert.StartsWith("TODO", appId, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(expected, appId);
        }

        Assert.Equal("PhoneNumber", Assert.Single(doc.RootElement.GetProperty("items").EnumerateArray()).GetProperty("key").GetString());
    }
}
