using System.Net;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Declarations;
using NeedToKnow.Core.Diagnostics;
using NeedToKnow.Review.Analysis;
using NeedToKnow.Review.Reports;
using NeedToKnow.Review.Sites;

namespace NeedToKnow.Review.Findings;

/// <summary>
/// The review rules that compare what a package does with what it declares (docs/review.md has one section per
/// rule with an example and the fix). Rule ids, severities and sources are rows of <c>Rules/review-rules.json</c>.
/// </summary>
internal static class FindingRules
{
    private const string AppJson = "app.json";

    public static void Apply(PackageAnalysis analysis, DeclarationValidationResult? validation, PrivacyCatalog catalog, ReviewOptions options, List<ReviewFinding> findings)
    {
        var byApi = new Dictionary<string, ApiBinding>(StringComparer.Ordinal);
        foreach (var binding in catalog.Bindings)
        {
            byApi.TryAdd(binding.Api, binding);
        }

        var sites = analysis.Sites;
        var declaration = validation?.Declaration;
        if (validation is null)
        {
            findings.Add(PackageReviewer.Finding("NTK-REV-013", null, "the package has no privacy declaration: there is no `privacy.json` at the app root and none was given"));
        }
        else
        {
            // Declaration validation (NTK-DECL-*: no contact, no change notice, vague purposes...) is the foundation's;
            // an unreadable declaration gives only its reading problem, not a comparison with nothing.
            foreach (var problem in validation.Diagnostics)
            {
                findings.Add(ReviewFinding.From(problem, KeyAt(declaration, problem.Location?.JsonPointer)));
            }

            if (declaration is not null)
            {
                Declared(sites, declaration, catalog, options, findings);
                Sdks(sites, declaration, catalog, findings);
                Plugins(analysis, declaration, findings);
            }
        }

        RequiredPrivateInfos(analysis, byApi, findings);
        Permissions(analysis, byApi, catalog, findings);
        WebViews(analysis, declaration, findings);
        AtLaunch(analysis, findings);
    }

    /// <summary>The privacy key of the item (own or SDK) that <paramref name="pointer"/> points into, or null.</summary>
    private static string? KeyAt(PrivacyDeclaration? declaration, string? pointer)
    {
        if (declaration is null || pointer is null)
        {
            return null;
        }

        static bool Inside(string pointer, string item) => item.Length > 0 && pointer.StartsWith(item, StringComparison.Ordinal) && (pointer.Length == item.Length || pointer[item.Length] == '/');
        foreach (var item in declaration.Items)
        {
            if (Inside(pointer, item.Pointer))
            {
                return item.Key.Length > 0 ? item.Key : null;
            }
        }

        foreach (var item in declaration.Sdks.SelectMany(s => s.Items))
        {
            if (Inside(pointer, item.Pointer))
            {
                return item.Key.Length > 0 ? item.Key : null;
            }
        }

        return null;
    }

    /// <summary>NTK-REV-001 used but not declared; NTK-REV-002 declared but never used.</summary>
    private static void Declared(List<PrivacySite> sites, PrivacyDeclaration declaration, PrivacyCatalog catalog, ReviewOptions options, List<ReviewFinding> findings)
    {
        var own = declaration.Items.Select(i => i.Key).Where(k => k.Length > 0).ToList();
        var declared = new List<string>(own);
        foreach (var sdk in declaration.Sdks)
        {
            declared.AddRange(sdk.Items.Select(i => i.Key).Where(k => k.Length > 0));
        }

        foreach (var (key, first, count) in FirstSiteByKey(sites))
        {
            if (!declared.Any(d => catalog.Covers(d, key)))
            {
                findings.Add(PackageReviewer.Finding(
                    "NTK-REV-001",
                    key,
                    "`" + key + "` is used but not declared: `" + first.Api + "`" + Others(count),
                    first.File,
                    first.Line,
                    first.Column));
            }
        }

        var used = new HashSet<string>(sites.Select(s => s.Key), StringComparer.Ordinal);
        foreach (var key in own.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (catalog.GetBindingsForKey(key).Count == 0 || used.Any(u => catalog.Covers(key, u)))
            {
                // Keys without API bindings (DeviceInfo, EXOrderInfo...) are collected by the developer's own means.
                continue;
            }

            findings.Add(PackageReviewer.Finding("NTK-REV-002", key, "`" + key + "` is declared but no code in the package uses it", options.DeclarationFile));
        }
    }

    /// <summary>NTK-REV-011: SDK code collects a key its SDK entry does not disclose.</summary>
    private static void Sdks(List<PrivacySite> sites, PrivacyDeclaration declaration, PrivacyCatalog catalog, List<ReviewFinding> findings)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var site in sites)
        {
            if (site.Party == PrivacySite.FirstParty || !seen.Add((site.Party, site.Key)))
            {
                continue;
            }

            var sdk = declaration.Sdks.FirstOrDefault(s => SameSdk(s.Name, site.Party));
            if (sdk is not null && sdk.Items.Any(k => k.Key.Length > 0 && catalog.Covers(k.Key, site.Key)))
            {
                continue;
            }

            var message = sdk is null
                ? "SDK `" + site.Party + "` collects `" + site.Key + "` (`" + site.Api + "`) but the declaration lists no such SDK"
                : "SDK `" + site.Party + "` collects `" + site.Key + "` (`" + site.Api + "`) but its entry in the declaration does not list that key";
            findings.Add(PackageReviewer.Finding("NTK-REV-011", site.Key, message, site.File, site.Line, site.Column));
        }
    }

    /// <summary>NTK-REV-016: a plugin in app.json (main package or a subpackage) that the declaration's SDK list does not name.</summary>
    private static void Plugins(PackageAnalysis analysis, PrivacyDeclaration declaration, List<ReviewFinding> findings)
    {
        if (analysis.App is not { } app)
        {
            return;
        }

        foreach (var (alias, (provider, pointer)) in app.Plugins)
        {
            var listed = declaration.Sdks.Any(s => SameSdk(s.Name, alias)
                || (provider.Length > 0 && (string.Equals(s.Name.Trim(), provider, StringComparison.OrdinalIgnoreCase) || string.Equals(s.Provider.Trim(), provider, StringComparison.OrdinalIgnoreCase))));
            if (!listed)
            {
                var (line, column) = Locate(app, pointer);
                findings.Add(PackageReviewer.Finding(
                    "NTK-REV-016",
                    null,
                    "plugin `" + alias + "`" + (provider.Length > 0 ? " (provider `" + provider + "`)" : "") + " is not listed in the declaration's `sdks`",
                    AppJson,
                    line,
                    column));
            }
        }
    }

    private static bool SameSdk(string declared, string party)
    {
        static string Norm(string s) => s.Trim().TrimStart('@').ToLowerInvariant();
        var d = Norm(declared);
        var p = Norm(party);
        return d == p || p.StartsWith(d + "/", StringComparison.Ordinal) || d.StartsWith(p + "/", StringComparison.Ordinal);
    }

    /// <summary>NTK-REV-003 missing from requiredPrivateInfos; NTK-REV-004 listed but unused; NTK-REV-005 precise and fuzzy both.</summary>
    private static void RequiredPrivateInfos(PackageAnalysis analysis, Dictionary<string, ApiBinding> byApi, List<ReviewFinding> findings)
    {
        var app = analysis.App;
        if (app is null)
        {
            return;
        }

        var listed = new HashSet<string>(app.RequiredPrivateInfos, StringComparer.Ordinal);
        var usedMembers = new HashSet<string>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var site in analysis.Sites)
        {
            if (!byApi.TryGetValue(site.Api, out var binding) || !binding.RequiredPrivateInfo || binding.Member is null || binding.Platform != "wx")
            {
                continue;
            }

            usedMembers.Add(binding.Member);
            if (!listed.Contains(binding.Member) && reported.Add(binding.Member))
            {
                findings.Add(PackageReviewer.Finding(
                    "NTK-REV-003",
                    site.Key,
                    "`" + site.Api + "` is used but `" + binding.Member + "` is not in `requiredPrivateInfos` of app.json",
                    site.File,
                    site.Line,
                    site.Column));
            }
        }

        var precise = new List<(string Name, int Index)>();
        var fuzzy = new List<(string Name, int Index)>();
        var requiring = byApi.Values.Where(b => b.RequiredPrivateInfo && b.Platform == "wx" && b.Member is not null).ToDictionary(b => b.Member!, StringComparer.Ordinal);
        for (var i = 0; i < app.RequiredPrivateInfos.Count; i++)
        {
            var name = app.RequiredPrivateInfos[i];
            if (!requiring.TryGetValue(name, out var binding))
            {
                continue;
            }

            if (binding.Location == LocationPrecision.Precise)
            {
                precise.Add((name, i));
            }
            else if (binding.Location == LocationPrecision.Fuzzy)
            {
                fuzzy.Add((name, i));
            }

            if (!usedMembers.Contains(name))
            {
                var (line, column) = Locate(app, "/requiredPrivateInfos/" + i);
                findings.Add(PackageReviewer.Finding("NTK-REV-004", binding.Key, "`requiredPrivateInfos` lists `" + name + "` but no code in the package uses it", AppJson, line, column));
            }
        }

        if (precise.Count > 0 && fuzzy.Count > 0)
        {
            var (line, column) = Locate(app, "/requiredPrivateInfos/" + fuzzy[0].Index);
            findings.Add(PackageReviewer.Finding(
                "NTK-REV-005",
                "Location",
                "`requiredPrivateInfos` lists fuzzy `" + fuzzy[0].Name + "` together with precise `" + precise[0].Name + "`",
                AppJson,
                line,
                column));
        }
    }

    /// <summary>NTK-REV-006 a scope used without its permission description; NTK-REV-014 an unknown permission scope.</summary>
    private static void Permissions(PackageAnalysis analysis, Dictionary<string, ApiBinding> byApi, PrivacyCatalog catalog, List<ReviewFinding> findings)
    {
        var app = analysis.App;
        if (app is null)
        {
            return;
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var site in analysis.Sites)
        {
            var scopeId = site.Scope ?? (byApi.TryGetValue(site.Api, out var binding) ? binding.Scope : null);
            if (scopeId is null || !catalog.TryGetScope(scopeId, out var scope) || !scope.NeedsPermissionDesc || scope.Status != ScopeStatus.Active)
            {
                continue;
            }

            if ((!app.Permission.TryGetValue(scopeId, out var desc) || desc is null) && reported.Add(scopeId))
            {
                findings.Add(PackageReviewer.Finding(
                    "NTK-REV-006",
                    site.Key,
                    "`" + site.Api + "` needs `" + scopeId + "` but app.json has no `permission." + scopeId + ".desc`",
                    site.File,
                    site.Line,
                    site.Column));
            }
        }

        var known = catalog.Scopes.Select(s => s.Id).ToList();
        foreach (var name in app.Permission.Keys)
        {
            if (!catalog.TryGetScope(name, out _))
            {
                var (line, column) = Locate(app, "/permission/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
                var suggestion = FuzzyMatch.Closest(name, known);
                findings.Add(PackageReviewer.Finding(
                    "NTK-REV-014",
                    null,
                    "app.json `permission` names the unknown scope `" + name + "`" + (suggestion is null ? "" : ": did you mean `" + suggestion + "`?"),
                    AppJson,
                    line,
                    column));
            }
        }
    }

    /// <summary>NTK-REV-007..010: web-view sources.</summary>
    private static void WebViews(PackageAnalysis analysis, PrivacyDeclaration? declaration, List<ReviewFinding> findings)
    {
        foreach (var view in analysis.WebViews)
        {
            if (view.Tag != "web-view")
            {
                continue;
            }

            var (scheme, host) = StaticHost(view.Source);
            if (host is null)
            {
                findings.Add(PackageReviewer.Finding("NTK-REV-010", null, "web-view `src` is `" + view.Source + "`, which is only known at run time", view.File, view.Line, view.Column));
                continue;
            }

            if (scheme != "https")
            {
                findings.Add(PackageReviewer.Finding("NTK-REV-008", null, "web-view opens `" + view.Source + "`, which is not https", view.File, view.Line, view.Column));
            }

            if (IPAddress.TryParse(host.Trim('[', ']'), out _))
            {
                findings.Add(PackageReviewer.Finding("NTK-REV-009", null, "web-view opens the IP address `" + host + "`", view.File, view.Line, view.Column));
                continue;
            }

            if (declaration is not null && !declaration.BusinessDomains.Select(d => d.Trim().ToLowerInvariant()).Any(d => d.Length > 0 && (host == d || host.EndsWith("." + d, StringComparison.Ordinal))))
            {
                findings.Add(PackageReviewer.Finding("NTK-REV-007", null, "web-view opens `" + host + "`, which is not a declared business domain", view.File, view.Line, view.Column));
            }
        }
    }

    /// <summary>The scheme and host of a web-view source when the text before any binding fixes them, else (null, null).</summary>
    internal static (string? Scheme, string? Host) StaticHost(string source)
    {
        var binding = source.IndexOf("{{", StringComparison.Ordinal);
        var prefix = binding < 0 ? source : source[..binding];
        var sep = prefix.IndexOf("://", StringComparison.Ordinal);
        if (sep <= 0)
        {
            return (null, null);
        }

        var rest = prefix[(sep + 3)..];
        var end = rest.IndexOfAny(['/', '?', '#']);
        if (end < 0 && binding >= 0)
        {
            // The binding continues the host: not known.
            return (null, null);
        }

        var authority = end < 0 ? rest : rest[..end];
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        var host = authority;
        if (!host.StartsWith('['))
        {
            var colon = host.LastIndexOf(':');
            if (colon >= 0)
            {
                host = host[..colon];
            }
        }
        else if (host.IndexOf(']', StringComparison.Ordinal) is var close and > 0)
        {
            host = host[..(close + 1)];
        }

        return host.Length == 0 ? (null, null) : (prefix[..sep].ToLowerInvariant(), host.ToLowerInvariant());
    }

    /// <summary>NTK-REV-012: a privacy API inside App onLaunch or the entry page's onLoad.</summary>
    private static void AtLaunch(PackageAnalysis analysis, List<ReviewFinding> findings)
    {
        foreach (var site in analysis.Sites)
        {
            if (!analysis.LaunchRanges.TryGetValue(site.File, out var ranges) || analysis.Package.File(site.File) is not { } file)
            {
                continue;
            }

            var offset = new Text.LineMap(file.Text).Offset(site.Line, site.Column);
            foreach (var (start, end) in ranges)
            {
                if (offset >= start && offset < end)
                {
                    var where = site.File == "app.js" ? "App `onLaunch`" : "the first page's `onLoad`";
                    findings.Add(PackageReviewer.Finding("NTK-REV-012", site.Key, "`" + site.Api + "` is called in " + where + ", before any user action", site.File, site.Line, site.Column));
                    break;
                }
            }
        }
    }

    private static IEnumerable<(string Key, PrivacySite First, int Count)> FirstSiteByKey(List<PrivacySite> sites)
    {
        foreach (var group in sites.GroupBy(s => s.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            yield return (group.Key, group.First(), group.Count());
        }
    }

    private static string Others(int count) => count switch
    {
        1 => "",
        2 => " and 1 other place",
        _ => " and " + (count - 1) + " other places",
    };

    private static (int Line, int Column) Locate(Json.AppConfig app, string pointer) => app.Locator?.Find(pointer) ?? (0, 0);
}
