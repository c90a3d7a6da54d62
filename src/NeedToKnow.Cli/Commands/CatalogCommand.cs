using System.CommandLine;
using NeedToKnow.Core.Catalog;

namespace NeedToKnow.Cli.Commands;

/// <summary><c>ntk catalog show</c>: prints the privacy catalog (keys, bindings, scopes, service categories, reason codes).</summary>
internal static class CatalogCommand
{
    public static Command Create(CliOutput output)
    {
        var format = CommonOptions.Format("table", "json", "markdown");
        var catalogFile = CatalogFileOption();
        var show = new Command("show", "Print the privacy catalog: keys, API bindings, scopes, service categories, reason codes") { format, catalogFile };
        show.SetAction(parse => (int)Show(output, parse.GetValue(format)!, parse.GetValue(catalogFile)));
        return new Command("catalog", "The privacy catalog every part of NeedToKnow reads") { show };
    }

    /// <summary>The <c>--catalog FILE</c> option: an operator override over the embedded catalog.</summary>
    public static Option<string?> CatalogFileOption() =>
        new("--catalog") { Description = "An operator override file (JSON with keys, bindings, scopes, serviceCategories, reasonCodes) merged over the embedded catalog" };

    internal static ExitCode Show(CliOutput output, string format, string? catalogFile)
    {
        if (!TryLoad(output, format, catalogFile, out var catalog, out var failure))
        {
            return failure;
        }

        switch (format)
        {
            case "json":
                output.WriteJson(new
                {
                    keys = catalog.Keys,
                    bindings = catalog.Bindings,
                    scopes = catalog.Scopes,
                    serviceCategories = catalog.ServiceCategories,
                    reasonCodes = catalog.ReasonCodes,
                });
                break;
            case "markdown":
                output.Out.Write(CatalogMarkdown.Render(catalog));
                break;
            default:
                WriteTables(output.Out, catalog);
                break;
        }

        return ExitCode.Success;
    }

    /// <summary>Loads the embedded catalog, or the override in <paramref name="catalogFile"/>; reports problems and gives exit code 2 when it cannot.</summary>
    internal static bool TryLoad(CliOutput output, string format, string? catalogFile, out PrivacyCatalog catalog, out ExitCode failure)
    {
        catalog = PrivacyCatalog.Default;
        failure = ExitCode.Success;
        if (catalogFile is null)
        {
            return true;
        }

        string json;
        try
        {
            var info = new FileInfo(catalogFile);
            if (Directory.Exists(catalogFile))
            {
                failure = output.Fail(format, "cannot read catalog file `" + catalogFile + "`: it is a directory, not a file", "give the path of the override json file");
                return false;
            }

            if (info.Exists && info.Length > PrivacyCatalog.MaxOverrideFileBytes)
            {
                failure = output.Fail(format, "catalog file `" + catalogFile + "` is larger than the limit of " + PrivacyCatalog.MaxOverrideFileBytes + " bytes: it has " + info.Length, "remove rows you do not change");
                return false;
            }

            json = File.ReadAllText(catalogFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failure = output.Fail(format, "cannot read catalog file `" + catalogFile + "`: " + e.Message.TrimEnd('.'), "check the path");
            return false;
        }

        try
        {
            catalog = PrivacyCatalog.Load(json, catalogFile);
            return true;
        }
        catch (CatalogException e)
        {
            if (format == "json")
            {
                output.WriteJson(new { error = new { message = "invalid catalog file `" + catalogFile + "`", diagnostics = e.Diagnostics } });
            }
            else
            {
                foreach (var d in e.Diagnostics)
                {
                    output.Error.WriteLine(d.ToString());
                    if (d.Help is not null)
                    {
                        output.Error.WriteLine("  help: " + d.Help);
                    }
                }

                output.Error.WriteLine("error: invalid catalog file `" + catalogFile + "`: " + e.Diagnostics.Count + " problem(s)");
            }

            failure = ExitCode.UsageOrUnreadable;
            return false;
        }
    }

    private static void WriteTables(TextWriter w, PrivacyCatalog c)
    {
        w.WriteLine("privacy keys (" + c.Keys.Count + ")");
        Table(w, ["id", "name", "名称", "sensitivity", "access", "scope"], c.Keys.Select(k => new[]
        {
            k.Id, k.NameEn, k.NameZh, k.Sensitivity.ToString().ToLowerInvariant(), k.Access == KeyAccess.Read ? "read" : "write-only", k.Scope ?? "-",
        }));
        w.WriteLine("api bindings (" + c.Bindings.Count + ", platforms: " + string.Join(", ", c.PlatformNamespaces.Order(StringComparer.Ordinal)) + ")");
        Table(w, ["api", "kind", "key", "scope", "verified"], c.Bindings.Select(b => new[]
        {
            b.Kind == BindingKind.AuthorizeScope ? b.Api + " " + b.Scope : b.Api, b.Kind.ToString(), b.Key, b.Scope ?? "-", b.Verified ? "yes" : "no",
        }));
        w.WriteLine("scopes (" + c.Scopes.Count + ")");
        Table(w, ["id", "key", "status", "platforms"], c.Scopes.Select(s => new[] { s.Id, s.Key, s.Status.ToString().ToLowerInvariant(), string.Join(",", s.Platforms) }));
        w.WriteLine("service categories (" + c.ServiceCategories.Count + ")");
        Table(w, ["#", "id", "名称", "necessary keys"], c.ServiceCategories.Select(s => new[]
        {
            s.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Id, s.NameZh, s.NeedsNoPersonalInformation ? "none" : string.Join(", ", s.NecessaryKeys),
        }));
        w.WriteLine("reason codes (" + c.ReasonCodes.Count + ")");
        Table(w, ["id", "area", "message"], c.ReasonCodes.Select(r => new[] { r.Id, r.Area.ToString().ToLowerInvariant(), r.Message }));
    }

    private static void Table(TextWriter w, string[] headers, IEnumerable<string[]> rows)
    {
        var all = rows.ToList();
        var widths = headers.Select((h, i) => Math.Max(Width(h), all.Count == 0 ? 0 : all.Max(r => Width(r[i])))).ToArray();
        void Line(string[] cells) => w.WriteLine("  " + string.Join("  ", cells.Select((cell, i) => i == cells.Length - 1 ? cell : cell + new string(' ', widths[i] - Width(cell)))).TrimEnd());
        Line(headers);
        Line(widths.Select(n => new string('-', n)).ToArray());
        foreach (var row in all)
        {
            Line(row);
        }

        w.WriteLine();
    }

    // East Asian wide characters take two terminal columns.
    private static int Width(string text) => text.Sum(ch => ch is >= '\u1100' and (<= '\u115F' or (>= '\u2E80' and <= '\uA4CF') or (>= '\uAC00' and <= '\uD7A3') or (>= '\uF900' and <= '\uFAFF') or (>= '\uFF00' and <= '\uFF60')) ? 2 : 1);
}
