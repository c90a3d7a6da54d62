using System.Text;

namespace NeedToKnow.Core.Catalog;

/// <summary>
/// Renders the catalog as Markdown tables: docs/catalog.md is this output, never edited by hand (STYLE.md H17).
/// Regenerate with <c>ntk catalog show --format markdown &gt; docs/catalog.md</c> or <c>NTK_REGENERATE_DOCS=1</c> and the Core tests.
/// </summary>
public static class CatalogMarkdown
{
    /// <summary>Renders every collection of <paramref name="catalog"/>, rows in catalog order, with LF line ends.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <returns>The Markdown document.</returns>
    public static string Render(PrivacyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var md = new StringBuilder();
        md.Append("# The privacy catalog\n\n");
        md.Append("Generated from `src/NeedToKnow.Core/Catalog/Data/*.json` by `ntk catalog show --format markdown`; do not edit by hand.\n");
        md.Append("A test fails when this file differs from the catalog; regenerate it with\n");
        md.Append("`NTK_REGENERATE_DOCS=1 dotnet test tests/NeedToKnow.Core.Tests --filter CatalogDocs`.\n\n");
        md.Append("Rows marked `unverified` could not be checked against their source text. An operator can override rows with\n");
        md.Append("`--catalog FILE` (same sections and fields; rows with a known id replace the default row). A problem in an override\n");
        md.Append("is reported with its code, file:line:column, JSON pointer and fix.\n\n");
        md.Append(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{catalog.Keys.Count} privacy keys, {catalog.Bindings.Count} API bindings on {catalog.PlatformNamespaces.Count} platform namespaces, {catalog.Scopes.Count} scopes, {catalog.ServiceCategories.Count} service categories, {catalog.ReasonCodes.Count} reason codes.\n\n"));

        md.Append("## Privacy keys\n\n");
        Table(md, ["id", "English", "中文", "parent", "sensitivity", "access", "scope", "admission", "requiredPrivateInfos", "gesture", "entities", "api-backed", "origin", "source"],
            catalog.Keys.Select(k => new[]
            {
                Id(k), k.NameEn, k.NameZh, k.Parent ?? "", k.Sensitivity.ToString().ToLowerInvariant() + " (" + k.SensitivitySource + ")",
                k.Access == KeyAccess.Read ? "read" : "write-only", k.Scope ?? "", YesNo(k.NeedsAdmission), YesNo(k.NeedsRequiredPrivateInfos),
                YesNo(k.NeedsUserGesture), Entities(k), YesNo(k.ApiBacked), k.Origin.ToString().ToLowerInvariant(), k.Source,
            }));

        md.Append("## API bindings\n\n");
        foreach (var platform in catalog.Bindings.Select(b => b.Platform).Distinct(StringComparer.Ordinal))
        {
            md.Append("### `").Append(platform).Append("`\n\n");
            Table(md, ["id", "api", "kind", "key", "scope", "requiredPrivateInfos", "location", "gesture", "source"],
                catalog.Bindings.Where(b => b.Platform == platform).Select(b => new[]
                {
                    Id(b), Code(b.Api) + (b.Factory is null ? "" : " (from `" + b.Factory + "`)"), b.Kind.ToString(), b.Key, b.Scope ?? "",
                    YesNo(b.RequiredPrivateInfo), b.Location == LocationPrecision.None ? "" : b.Location.ToString().ToLowerInvariant(),
                    YesNo(b.NeedsUserGesture), b.Source,
                }));
        }

        md.Append("## Scopes\n\n");
        Table(md, ["id", "key", "status", "platforms", "permission desc", "apis", "source"],
            catalog.Scopes.Select(s => new[]
            {
                Id(s), s.Key, s.Status.ToString().ToLowerInvariant(), string.Join(", ", s.Platforms), YesNo(s.NeedsPermissionDesc), string.Join(", ", s.Apis.Select(Code)), s.Source,
            }));

        md.Append("## Service categories\n\n");
        md.Append("The 39 types of the Provisions on the Scope of Necessary Personal Information for Common Types of Mobile Internet\n");
        md.Append("Applications (CAC, MIIT, MPS, SAMR; in force 2021-05-01; GB/T 41391-2022 Appendix A). ");
        md.Append(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{catalog.ServiceCategories.Count(c => c.NeedsNoPersonalInformation)} need no personal information.\n\n"));
        Table(md, ["#", "id", "中文", "English", "basic function", "necessary information", "necessary keys"],
            catalog.ServiceCategories.Select(c => new[]
            {
                c.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), Id(c), c.NameZh, c.NameEn, c.BasicFunction,
                c.NecessaryItems.Count == 0 ? "none" : string.Join("; ", c.NecessaryItems), string.Join(", ", c.NecessaryKeys.Select(Code)),
            }));

        md.Append("## Reason codes and rule ids\n\n");
        Table(md, ["id", "area", "severity", "errno / errMsg", "message", "help", "source"],
            catalog.ReasonCodes.Select(r => new[]
            {
                Id(r), r.Area.ToString().ToLowerInvariant(), r.Severity?.ToString().ToLowerInvariant() ?? "",
                r.Errno is null ? "" : r.Errno + (r.ErrMsg is null ? "" : " `" + r.ErrMsg + "`"), r.Message, r.Help, r.Source,
            }));
        return md.ToString();
    }

    private static string Id(CatalogEntry row)
    {
        var text = Code(row.Id);
        if (row.DeprecatedIn is not null)
        {
            text += " (deprecated in " + row.DeprecatedIn + (row.ReplacedBy is null ? "" : ", use " + Code(row.ReplacedBy)) + ")";
        }

        return row.Verified ? text : text + " (unverified)";
    }

    private static string Entities(PrivacyKey k)
    {
        var text = k.AllowedEntities == DeveloperEntityTypes.All ? "all" : k.AllowedEntities.ToString().ToLowerInvariant();
        return k.RequiresVerifiedDeveloper ? text + ", verified" : text;
    }

    private static string YesNo(bool value) => value ? "yes" : "";

    private static string Code(string text) => "`" + text + "`";

    private static void Table(StringBuilder md, string[] headers, IEnumerable<string[]> rows)
    {
        md.Append("| ").Append(string.Join(" | ", headers)).Append(" |\n");
        md.Append('|').Append(string.Concat(headers.Select(_ => " --- |"))).Append('\n');
        foreach (var row in rows)
        {
            md.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
        }

        md.Append('\n');
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
