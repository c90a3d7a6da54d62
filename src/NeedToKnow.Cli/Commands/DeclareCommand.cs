using System.CommandLine;
using NeedToKnow.Core.Declarations;

namespace NeedToKnow.Cli.Commands;

/// <summary><c>ntk declare validate FILE</c>: checks a privacy declaration and reports every problem at once.</summary>
internal static class DeclareCommand
{
    public static Command Create(CliOutput output)
    {
        var file = new Argument<string>("FILE") { Description = "The privacy declaration (privacy.json)" };
        var format = CommonOptions.Format("text", "json");
        var catalogFile = CatalogCommand.CatalogFileOption();
        var validate = new Command("validate", "Check a privacy declaration: exit 0 valid (warnings allowed), 1 invalid, 2 unreadable") { file, format, catalogFile };
        validate.SetAction(parse => (int)Validate(output, parse.GetValue(file)!, parse.GetValue(format)!, parse.GetValue(catalogFile)));
        return new Command("declare", "Privacy declarations (privacy.json)") { validate, DeclareInitCommand.Create(output) };
    }

    internal static ExitCode Validate(CliOutput output, string path, string format, string? catalogFile)
    {
        if (!CatalogCommand.TryLoad(output, format, catalogFile, out var catalog, out var failure))
        {
            return failure;
        }

        DeclarationParseResult parsed;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Directory.Exists(path)
                    ? output.Fail(format, "cannot read `" + path + "`: it is a directory, not a file", "give the path of the privacy.json file")
                    : output.Fail(format, "cannot read `" + path + "`: no such file", "check the path");
            }

            parsed = DeclarationParser.CheckSize(info.Length, path) is { } tooLarge
                ? DeclarationParser.Unreadable(tooLarge, path)
                : DeclarationParser.Parse(File.ReadAllBytes(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return output.Fail(format, "cannot read `" + path + "`: " + e.Message.TrimEnd('.'), "check the path and its permissions");
        }

        var result = DeclarationValidator.Validate(parsed, catalog);
        var exit = !result.IsReadable ? ExitCode.UsageOrUnreadable : result.IsValid ? ExitCode.Success : ExitCode.Problems;
        if (format == "json")
        {
            output.WriteJson(new
            {
                file = path,
                valid = result.IsValid,
                readable = result.IsReadable,
                errors = result.ErrorCount,
                warnings = result.WarningCount,
                diagnostics = result.Diagnostics,
            });
            return exit;
        }

        var writer = result.IsValid ? output.Out : output.Error;
        foreach (var d in result.Diagnostics)
        {
            writer.WriteLine(d.ToString());
            if (d.Help is not null)
            {
                writer.WriteLine("  help: " + d.Help);
            }
        }

        writer.WriteLine(path + ": " + (result.IsValid ? "valid" : result.IsReadable ? "invalid" : "unreadable") + " ("
            + Plural(result.ErrorCount, "error") + ", " + Plural(result.WarningCount, "warning") + ")");
        return exit;
    }

    private static string Plural(int n, string word) => n + " " + word + (n == 1 ? "" : "s");
}
