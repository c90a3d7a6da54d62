using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NeedToKnow.Review;
using NeedToKnow.Review.Packages;
using NeedToKnow.Review.Reports;
using NeedToKnow.Review.Sites;

namespace NeedToKnow.Cli.Commands;

/// <summary>
/// <c>ntk declare init PATH [--output FILE] [--force]</c>: writes a draft privacy.json from what the review finds in
/// the package: one item per first-party key, one SDK entry per SDK, the web-view hosts as business domains.
/// The app id comes from project.config.json when it has one. Purposes, the developer and the contact are left as
/// <c>TODO</c> for the developer to write.
/// </summary>
internal static class DeclareInitCommand
{
    public static Command Create(CliOutput output)
    {
        var path = new Argument<string>("PATH") { Description = "A mini-program folder or .zip" };
        var outFile = new Option<string?>("--output", "-o") { Description = "Where to write (default: privacy.json at the app root; - for standard output)" };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file" };
        var command = new Command("init", "Write a draft privacy.json from what the review finds; purposes are left for you") { path, outFile, force };
        command.SetAction(parse => Run(output, parse.GetValue(path)!, parse.GetValue(outFile), parse.GetValue(force)));
        return command;
    }

    internal static int Run(CliOutput output, string path, string? outFile, bool force)
    {
        var package = PackageReader.Read(path);
        if (package.Diagnostics.Any(d => d.Code == "NTK-PKG-001"))
        {
            return (int)output.Fail("text", package.Diagnostics.First(d => d.Code == "NTK-PKG-001").Message);
        }

        var report = PackageReviewer.Review(package, null, Core.Catalog.PrivacyCatalog.Default);
        var json = Draft(report, package.ProjectAppId);
        if (outFile == "-")
        {
            output.Out.WriteLine(json);
            return (int)ExitCode.Success;
        }

        var target = outFile ?? (Directory.Exists(path) ? Path.Combine(path, package.Root, "privacy.json") : "privacy.json");
        if (File.Exists(target) && !force)
        {
            return (int)output.Fail("text", "`" + target + "` already exists", "pass --force to overwrite it, or --output FILE");
        }

        File.WriteAllText(target, json + "\n");
        output.Out.WriteLine("wrote " + target + ": " + report.Detected.Count + " privacy keys; write the purposes marked TODO, then run `ntk declare validate`");
        return (int)ExitCode.Success;
    }

    internal static string Draft(ReviewReport report, string? appId = null)
    {
        var firstParty = new SortedSet<string>(StringComparer.Ordinal);
        var sdks = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var detected in report.Detected)
        {
            foreach (var site in detected.Sites)
            {
                if (site.Party == PrivacySite.FirstParty)
                {
                    firstParty.Add(site.Key);
                }
                else
                {
                    if (!sdks.TryGetValue(site.Party, out var keys))
                    {
                        sdks[site.Party] = keys = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    keys.Add(site.Key);
                }
            }
        }

        var domains = new SortedSet<string>(StringComparer.Ordinal);
        var programs = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var view in report.WebViews)
        {
            if (view.Tag == "web-view" && view.Host is { } host)
            {
                domains.Add(host);
            }
            else if (view.Tag == "navigator" && view.IsStatic && view.Source.Length > 0)
            {
                programs.Add(view.Source);
            }
        }

        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("appId", appId ?? "TODO: your appid, e.g. wx0123456789abcdef");
            w.WriteString("version", "1.0.0");
            w.WriteStartObject("developer");
            w.WriteString("name", "TODO: the developer's legal name");
            w.WriteString("entityType", "organisation");
            w.WriteBoolean("verified", false);
            w.WriteEndObject();
            w.WriteString("serviceCategory", "TODO: one of `ntk catalog show` service categories");
            w.WriteStartObject("contact");
            w.WriteString("email", "TODO: where users reach you about their data");
            w.WriteEndObject();
            w.WriteString("changeNotice", "TODO: how users are told of changes to this declaration");
            w.WriteString("retention", "until-account-deletion");
            w.WriteStartArray("items");
            foreach (var key in firstParty)
            {
                w.WriteStartObject();
                w.WriteString("key", key);
                w.WriteString("purpose", "TODO: why the app needs " + key + ", in the words users will read");
                w.WriteString("necessity", "optional");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("sdks");
            foreach (var (name, keys) in sdks)
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteString("provider", "TODO: who provides " + name);
                w.WriteStartArray("items");
                foreach (var key in keys)
                {
                    w.WriteStartObject();
                    w.WriteString("key", key);
                    w.WriteString("purpose", "TODO: why " + name + " needs " + key);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("businessDomains");
            foreach (var d in domains)
            {
                w.WriteStringValue(d);
            }

            w.WriteEndArray();
            w.WriteStartArray("navigateToMiniPrograms");
            foreach (var p in programs)
            {
                w.WriteStringValue(p);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
