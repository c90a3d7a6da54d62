using NeedToKnow.Core.Catalog;
using NeedToKnow.Review.Reports;
using NeedToKnow.Review.Sites;

namespace NeedToKnow.Review.Wxml;

/// <summary>
/// Finds the privacy components and attributes of one WXML file from the catalog's component and attribute
/// bindings, and the web-views and mini-program navigators in it.
/// </summary>
/// <remarks>
/// Position rules (corpus README, "labels.json"): an attribute-triggered site is at the attribute name; a component
/// site (<c>&lt;camera&gt;</c>, <c>&lt;live-pusher&gt;</c>, <c>&lt;voip-room&gt;</c>) and a web-view are at the
/// opening <c>&lt;</c>. Attributes count on any tag, because custom components forward them to the inner
/// <c>&lt;button&gt;</c> or <c>&lt;input&gt;</c> (<c>&lt;van-button open-type="getPhoneNumber"&gt;</c>).
/// </remarks>
internal sealed class WxmlAnalyzer
{
    private readonly PrivacyCatalog catalog;
    private readonly string[] attributeNames;

    public WxmlAnalyzer(PrivacyCatalog catalog)
    {
        this.catalog = catalog;
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var binding in catalog.Bindings)
        {
            if (binding.Kind == BindingKind.Attribute && binding.Attribute is not null)
            {
                names.Add(binding.Attribute);
            }
        }

        attributeNames = [.. names];
    }

    public WxmlResult Analyze(string text, string file, string party)
    {
        var doc = WxmlParser.Parse(text);
        var sites = new List<PrivacySite>();
        var webViews = new List<WebViewUse>();
        var seen = new HashSet<(int, string)>();
        foreach (var element in doc.Elements)
        {
            var components = catalog.GetComponentBindings(element.Tag);
            if (components.Count > 0)
            {
                var (line, column) = doc.Lines.Position(element.Offset);
                foreach (var binding in components)
                {
                    if (seen.Add((element.Offset, binding.Key + "\n" + binding.Api)))
                    {
                        sites.Add(new PrivacySite(binding.Key, binding.Api, file, line, column, SiteKind.Component, party, SiteConfidence.High, binding.Scope));
                    }
                }
            }

            foreach (var name in attributeNames)
            {
                var attribute = element.Attribute(name);
                if (attribute?.Value is null)
                {
                    continue;
                }

                foreach (var value in BindingValues.Of(attribute.Value))
                {
                    foreach (var binding in catalog.FindAttributeBindings(null, name, value))
                    {
                        var api = "<" + element.Tag + " " + binding.Attribute + "=\"" + binding.Value + "\">";
                        if (seen.Add((attribute.NameOffset, binding.Key + "\n" + api)))
                        {
                            var (line, column) = doc.Lines.Position(attribute.NameOffset);
                            sites.Add(new PrivacySite(binding.Key, api, file, line, column, SiteKind.Component, party, SiteConfidence.High, binding.Scope));
                        }
                    }
                }
            }

            if (element.Tag == "web-view" && element.Attribute("src") is { Value: { } src })
            {
                var (line, column) = doc.Lines.Position(element.Offset);
                webViews.Add(new WebViewUse(file, line, column, src.Trim(), !src.Contains("{{", StringComparison.Ordinal), "web-view"));
            }
            else if (element.Tag == "navigator" && element.Attribute("target")?.Value == "miniProgram")
            {
                var (line, column) = doc.Lines.Position(element.Offset);
                var appId = element.Attribute("app-id")?.Value ?? "";
                webViews.Add(new WebViewUse(file, line, column, appId, !appId.Contains("{{", StringComparison.Ordinal), "navigator"));
            }
        }

        return new WxmlResult(sites, webViews, doc);
    }
}

/// <summary>The sites, web-views and parsed document of one WXML file.</summary>
internal sealed record WxmlResult(List<PrivacySite> Sites, List<WebViewUse> WebViews, WxmlDocument Document);
