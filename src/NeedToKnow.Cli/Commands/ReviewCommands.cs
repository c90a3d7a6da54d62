using System.CommandLine;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Declarations;
using NeedToKnow.Core.Diagnostics;
using NeedToKnow.Review;
using NeedToKnow.Review.Output;
using NeedToKnow.Review.Packages;
using NeedToKnow.Review.Reports;
using Spectre.Console;

namespace NeedToKnow.Cli.Commands;

/// <summary>
/// <c>ntk review PATH... [--declaration FILE] [--format text|json|sarif] [--output FILE] [--fail-on error|warning|none] [--catalog FILE]</c>:
/// reviews mini-program packages (folders or .zip files, or a folder of them) against their privacy declaration.
/// </summary>
internal static class ReviewCommands
{
    public static Command Create(CliOutput output)
    {
        var paths = new Argument<string[]>("PATH") { Description = "A mini-program folder or .zip, or a folder of them", Arity = ArgumentArity.OneOrMore };
        var declaration = new Option<string?>("--declaration", "-d") { Description = "The privacy declaration (default: privacy.json at the app root)" };
        var format = CommonOptions.Format("text", "json", "sarif");
        var outFile = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output" };
        var failOn = new Option<string>("--fail-on") { Description = "Exit with 1 when a finding is at least this severe: error, warning, none", DefaultValueFactory = _ => "error" };
        failOn.AcceptOnlyFromAmong("error", "warning", "none");
        var catalog = new Option<string?>("--catalog") { Description = "A catalog JSON file that overrides rows of the embedded catalog" };
        var command = new Command("review", "Find the personal information a package collects and hold it against its declaration")
        {
            paths, declaration, format, outFile, failOn, catalog,
        };
        command.SetAction(parse => Run(
            output,
            new ReviewArguments(
                parse.GetValue(paths)!,
                parse.GetValue(declaration),
                parse.GetValue(format)!,
                parse.GetValue(outFile),
                parse.GetValue(failOn)!,
                parse.GetValue(catalog))));
        return command;
    }

    internal sealed record ReviewArguments(string[] Paths, string? Declaration, string Format, string? Output, string FailOn, string? Catalog);

    /// <summary>Runs the review; <paramref name="progress"/> is the terminal for the progress bar of several packages (null: standard error when it is an interactive terminal, else plain lines).</summary>
    internal static int Run(CliOutput output, ReviewArguments args, IAnsiConsole? progress = null)
    {
        progress ??= ReferenceEquals(output, CliOutput.Console) && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
            : null;
        if (LoadCatalog(output, args.Format, args.Catalog) is not { } catalog)
        {
            return (int)ExitCode.UsageOrUnreadable;
        }

        DeclarationValidationResult? given = null;
        if (args.Declaration is not null)
        {
            if (Directory.Exists(args.Declaration))
            {
                return (int)output.Fail(args.Format, "declaration `" + args.Declaration + "` is a folder, not a file", "pass the path of the privacy.json file, e.g. `" + Path.Combine(args.Declaration, PackageReviewer.DeclarationFileName) + "`");
            }

            if (!File.Exists(args.Declaration))
            {
                return (int)output.Fail(args.Format, "declaration `" + args.Declaration + "` does not exist", "pass the path of a privacy.json");
            }

            try
            {
                given = PackageReviewer.ReadDeclaration(args.Declaration, catalog);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return (int)output.Fail(args.Format, "cannot read declaration `" + args.Declaration + "`: " + e.Message.TrimEnd('.'), "pass the path of a readable privacy.json");
            }
        }

        if (args.Paths.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p)) is { } missing)
        {
            return (int)output.Fail(args.Format, "package `" + missing + "` does not exist", "pass a mini-program folder or .zip");
        }

        var packages = Expand(args.Paths);
        if (packages.Count == 0)
        {
            return (int)output.Fail(args.Format, "no package to review in `" + string.Join("`, `", args.Paths) + "`", "pass a mini-program folder or .zip");
        }

        var reports = new ReviewReport[packages.Count];
        var unreadable = false;
        void ReviewOne(int i)
        {
            var package = PackageReader.Read(packages[i]);
            var declaration = given;
            var declarationFile = args.Declaration is null ? null : Path.GetFileName(args.Declaration);
            if (declaration is null && PackageReviewer.ReadDeclaration(package, catalog) is { } atRoot)
            {
                declaration = atRoot;
                declarationFile = PackageReviewer.DeclarationFileName;
            }
            else if (declaration is null && ProjectDeclaration(packages[i]) is { } beside)
            {
                // A project whose project.config.json sets miniprogramRoot keeps privacy.json beside that file, above the app root.
                try
                {
                    declaration = PackageReviewer.ReadDeclaration(beside, catalog);
                    declarationFile = PackageReviewer.DeclarationFileName;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    output.Error.WriteLine("note: cannot read `" + beside + "`: " + e.Message.TrimEnd('.'));
                }
            }

            var packageUnreadable = package.Diagnostics.Any(d => d.Code is "NTK-PKG-001");
            if (declaration is null && args.Format == "text" && !packageUnreadable)
            {
                output.Error.WriteLine("note: `" + packages[i] + "` has no privacy.json at its app root; pass --declaration FILE to review against one");
            }

            reports[i] = PackageReviewer.Review(package, declaration, catalog, new ReviewOptions { DeclarationFile = declarationFile });
            unreadable |= packageUnreadable;
        }

        if (packages.Count == 1)
        {
            ReviewOne(0);
        }
        else if (progress is not null)
        {
            progress.Progress().Start(context =>
            {
                var task = context.AddTask("reviewing " + packages.Count + " packages", maxValue: packages.Count);
                for (var i = 0; i < packages.Count; i++)
                {
                    task.Description = "reviewing " + Path.GetFileName(packages[i].TrimEnd('/', '\\'));
                    ReviewOne(i);
                    task.Increment(1);
                }
            });
        }
        else
        {
            for (var i = 0; i < packages.Count; i++)
            {
                ReviewOne(i);
                output.Error.WriteLine("reviewed " + (i + 1) + "/" + packages.Count + ": " + packages[i]);
            }
        }

        var text = args.Format switch
        {
            "json" => ReviewJsonWriter.Write(reports),
            "sarif" => ReviewSarifWriter.Write(reports),
            _ => string.Join("\n", reports.Select(ReviewTextWriter.Write)),
        };
        if (args.Output is not null)
        {
            try
            {
                File.WriteAllText(args.Output, text.EndsWith('\n') ? text : text + "\n");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return (int)output.Fail(args.Format, "cannot write `" + args.Output + "`: " + e.Message.TrimEnd('.'));
            }
        }
        else
        {
            output.Out.Write(text.EndsWith('\n') ? text : text + "\n");
        }

        if (unreadable)
        {
            return (int)ExitCode.UsageOrUnreadable;
        }

        var failing = args.FailOn switch
        {
            "none" => false,
            "warning" => reports.Any(r => r.Findings.Any(f => f.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning)),
            _ => reports.Any(r => r.Findings.Any(f => f.Severity == DiagnosticSeverity.Error)),
        };
        return (int)(failing ? ExitCode.Problems : ExitCode.Success);
    }

    internal static PrivacyCatalog? LoadCatalog(CliOutput output, string format, string? file)
    {
        if (file is null)
        {
            return PrivacyCatalog.Default;
        }

        try
        {
            return PrivacyCatalog.Load(File.ReadAllText(file), Path.GetFileName(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CatalogException)
        {
            output.Fail(format, "catalog `" + file + "` cannot be used: " + e.Message.TrimEnd('.'), "fix the catalog file or leave out --catalog");
            return null;
        }
    }

    /// <summary>
    /// The packages named by <paramref name="paths"/>: a .zip, a folder that is a package (app.json or
    /// project.config.json at its top, or a single package inside), or a folder of packages (at least two
    /// sub-folders or zips that hold an app.json), in name order.
    /// </summary>
    internal static List<string> Expand(string[] paths)
    {
        var result = new List<string>();
        foreach (var path in paths)
        {
            if (!Directory.Exists(path) || File.Exists(Path.Combine(path, "app.json")) || File.Exists(Path.Combine(path, "project.config.json")))
            {
                result.Add(path);
                continue;
            }

            var children = new List<string>();
            foreach (var child in Directory.EnumerateFileSystemEntries(path).Order(StringComparer.Ordinal))
            {
                if (child.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) && File.Exists(child))
                {
                    children.Add(child);
                }
                else if (Directory.Exists(child) && HasAppJson(child, 3))
                {
                    children.Add(child);
                }
            }

            if (children.Count >= 2)
            {
                result.AddRange(children);
            }
            else
            {
                result.Add(path);
            }
        }

        return result;
    }

    private static bool HasAppJson(string folder, int depth)
    {
        if (File.Exists(Path.Combine(folder, "app.json")) || File.Exists(Path.Combine(folder, "project.config.json")))
        {
            return true;
        }

        if (depth <= 1)
        {
            return false;
        }

        foreach (var sub in Directory.EnumerateDirectories(folder))
        {
            var name = Path.GetFileName(sub);
            if (name != "node_modules" && !name.StartsWith('.') && HasAppJson(sub, depth - 1))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The privacy.json in the project folder given (beside project.config.json), when the app root is below it.</summary>
    private static string? ProjectDeclaration(string path)
    {
        var candidate = Path.Combine(path, PackageReviewer.DeclarationFileName);
        return Directory.Exists(path) && File.Exists(Path.Combine(path, "project.config.json")) && File.Exists(candidate) ? candidate : null;
    }
}
