using System.Text.Json;
using System.Text.RegularExpressions;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Diagnostics;

namespace NeedToKnow.Core.Declarations;

/// <summary>
/// Checks a privacy declaration against the catalog and reports every problem at once, each with a rule id
/// (<c>NTK-DECL-*</c>, rows of the catalog's reason codes), severity, JSON pointer, line:column, message and fix.
/// Rules and their sources: docs/declaration.md.
/// </summary>
public static partial class DeclarationValidator
{
    /// <summary>Named retention rules accepted besides ISO 8601 durations.</summary>
    public static IReadOnlyList<string> NamedRetentionRules { get; } =
        ["until-account-deletion", "until-purpose-fulfilled", "until-service-ends", "as-required-by-law", "session-only"];

    /// <summary>Parses and validates a declaration.</summary>
    /// <param name="utf8">The file's bytes.</param>
    /// <param name="file">The file name for diagnostics, or null.</param>
    /// <param name="catalog">The catalog; <see cref="PrivacyCatalog.Default"/> when null.</param>
    /// <param name="limits">Reading limits; <see cref="DeclarationLimits.Default"/> when null.</param>
    /// <returns>The result with every problem, sorted.</returns>
    public static DeclarationValidationResult Validate(byte[] utf8, string? file = null, PrivacyCatalog? catalog = null, DeclarationLimits? limits = null) =>
        Validate(DeclarationParser.Parse(utf8, file, limits), catalog);

    /// <summary>Validates a parsed declaration, adding the semantic problems to the reading problems.</summary>
    /// <param name="parsed">The parse result.</param>
    /// <param name="catalog">The catalog; <see cref="PrivacyCatalog.Default"/> when null.</param>
    /// <returns>The result with every problem, sorted.</returns>
    public static DeclarationValidationResult Validate(DeclarationParseResult parsed, PrivacyCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        catalog ??= PrivacyCatalog.Default;
        var diagnostics = new List<Diagnostic>(parsed.Diagnostics);
        if (parsed.Declaration is { } declaration)
        {
            new Checker(parsed, catalog, diagnostics).Run(declaration);
        }

        var sorted = diagnostics
            .Select(d => d with { Severity = catalog.TryGetReasonCode(d.Code, out var row) && row.Severity is { } s ? s : d.Severity })
            .OrderBy(d => d.Location?.Line ?? 0).ThenBy(d => d.Location?.Column ?? 0).ThenBy(d => d.Code, StringComparer.Ordinal)
            .ToArray();
        return new DeclarationValidationResult(parsed.Declaration, sorted, parsed.IsReadable);
    }

    [GeneratedRegex(@"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDuration();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex AppIdForm();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailForm();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()-]{3,22}[0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneForm();

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex HostForm();

    private sealed class Checker(DeclarationParseResult parsed, PrivacyCatalog catalog, List<Diagnostic> diagnostics)
    {
        public void Run(PrivacyDeclaration d)
        {
            CheckFormats(d);
            CheckContact(d);
            var category = CheckCategory(d);
            CheckItems(d, category);
            CheckSdks(d);
            CheckText();
        }

        private void Add(string code, string pointer, string message, string help, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
            diagnostics.Add(new Diagnostic(code, severity, message, help, parsed.LocationOf(pointer)));

        private bool Present(string pointer) => parsed.Nodes.TryGetValue(pointer, out var n) && n.Kind == JsonValueKind.String;

        private void CheckFormats(PrivacyDeclaration d)
        {
            if (Present("/appId") && !AppIdForm().IsMatch(d.AppId))
            {
                Add(DeclarationRules.InvalidValue, "/appId", "`" + d.AppId + "` is not an app id", "use the app id from the platform console: letters, digits, `_` and `-`, at most 64");
            }

            if (Present("/version") && string.IsNullOrWhiteSpace(d.Version))
            {
                Add(DeclarationRules.InvalidValue, "/version", "`version` is empty", "write the app version this declaration is for, e.g. `1.0.0`");
            }

            if (Present("/developer/name") && string.IsNullOrWhiteSpace(d.Developer.Name))
            {
                Add(DeclarationRules.InvalidValue, "/developer/name", "`developer.name` is empty", "write the developer's legal name");
            }

            if (Present("/changeNotice") && (PurposeText.Score(d.ChangeNotice) < PurposeText.MinScore || PurposeText.HasPlaceholderMarker(PurposeText.Normalize(d.ChangeNotice))))
            {
                Add(DeclarationRules.InvalidValue, "/changeNotice", "`changeNotice` does not say how users are told of changes", "describe the channel, e.g. `更新时通过弹窗通知并重新征得同意` (a popup and fresh consent)");
            }

            if (Present("/retention"))
            {
                CheckRetention(d.Retention, "/retention");
            }

            for (var i = 0; i < d.BusinessDomains.Count; i++)
            {
                var domain = d.BusinessDomains[i];
                if (!HostForm().IsMatch(domain))
                {
                    var host = domain.Contains("://", StringComparison.Ordinal) ? new Uri(domain, UriKind.Absolute).Host : null;
                    Add(DeclarationRules.InvalidBusinessDomain, "/businessDomains/" + i, "`" + domain + "` is not a business domain",
                        host is not null && HostForm().IsMatch(host)
                            ? "write the host name only: `" + host + "`"
                            : "write a lowercase host name with a public suffix, e.g. `shop.example.com`: no scheme, port, path or ip address (WeChat business domains: https only, no ip)");
                }
            }

            for (var i = 0; i < d.NavigateToMiniPrograms.Count; i++)
            {
                if (!AppIdForm().IsMatch(d.NavigateToMiniPrograms[i]))
                {
                    Add(DeclarationRules.InvalidValue, "/navigateToMiniPrograms/" + i, "`" + d.NavigateToMiniPrograms[i] + "` is not an app id", "list the app ids of the mini-programs this app opens");
                }
            }
        }

        private void CheckRetention(string retention, string pointer)
        {
            if (IsoDuration().IsMatch(retention) || NamedRetentionRules.Contains(retention))
            {
                return;
            }

            var guess = FuzzyMatch.Closest(retention, NamedRetentionRules);
            Add(DeclarationRules.InvalidRetention, pointer, "`" + retention + "` is not a retention period",
                guess is not null ? "did you mean `" + guess + "`?" : "write an ISO 8601 duration such as `P180D` or `P1Y`, or one of " + string.Join(", ", NamedRetentionRules.Select(r => "`" + r + "`")));
        }

        private void CheckContact(PrivacyDeclaration d)
        {
            if (!d.Contact.HasAny)
            {
                Add(DeclarationRules.NoContact, parsed.Nodes.ContainsKey("/contact") ? "/contact" : "", "the declaration gives no contact for users",
                    "add `contact` with at least one of `phone`, `email`, `other`: users need it to access, correct or delete their data (PIPL Art. 17, 50)");
                return;
            }

            if (d.Contact.Email is { Length: > 0 } email && !EmailForm().IsMatch(email))
            {
                Add(DeclarationRules.InvalidValue, "/contact/email", "`" + email + "` is not an email address", "write an address like `privacy@example.com`");
            }

            if (d.Contact.Phone is { Length: > 0 } phone && !PhoneForm().IsMatch(phone))
            {
                Add(DeclarationRules.InvalidValue, "/contact/phone", "`" + phone + "` is not a phone number", "write digits, optionally with `+`, spaces, `-` and parentheses");
            }
        }

        private ServiceCategory? CheckCategory(PrivacyDeclaration d)
        {
            if (!Present("/serviceCategory"))
            {
                return null;
            }

            if (catalog.TryGetServiceCategory(d.ServiceCategory, out var category))
            {
                return category;
            }

            var guess = FuzzyMatch.Closest(d.ServiceCategory, catalog.ServiceCategories.Select(c => c.Id).Concat(catalog.ServiceCategories.Select(c => c.NameZh)));
            Add(DeclarationRules.UnknownServiceCategory, "/serviceCategory", "unknown service category `" + d.ServiceCategory + "`",
                guess is not null ? "did you mean `" + guess + "`?" : "use one of the 39 category ids of `ntk catalog show`, e.g. `online-shopping` or `utilities`");
            return null;
        }

        private void CheckItems(PrivacyDeclaration d, ServiceCategory? category)
        {
            var firstByKey = new Dictionary<string, DeclarationItem>(StringComparer.Ordinal);
            var purposes = new List<(string Normalized, DeclarationItem Item)>();
            foreach (var item in d.Items)
            {
                var key = CheckKey(item.Key, item.Pointer + "/key", d.Developer);
                if (firstByKey.TryGetValue(item.Key, out var first))
                {
                    var mixed = item.Key == "Location" && first.Precision != LocationPrecision.None && item.Precision != LocationPrecision.None && first.Precision != item.Precision;
                    if (mixed)
                    {
                        Add(DeclarationRules.PreciseAndFuzzyLocation, item.Pointer + "/precision", "precise and fuzzy location are both declared (also at `" + first.Pointer + "`)",
                            "declare one: fuzzy location (wx.getFuzzyLocation) cannot be combined with precise location apis in requiredPrivateInfos");
                    }
                    else if (item.Key.Length > 0)
                    {
                        Add(DeclarationRules.DuplicateKey, item.Pointer + "/key", "key `" + item.Key + "` is declared twice (first at `" + first.Pointer + "`)",
                            "merge the two items into one, with one purpose that covers both uses");
                    }
                }
                else
                {
                    firstByKey[item.Key] = item;
                }

                if (item.Precision != LocationPrecision.None && item.Key != "Location")
                {
                    Add(DeclarationRules.InvalidValue, item.Pointer + "/precision", "`precision` applies only to key `Location`, not `" + item.Key + "`", "remove `precision`");
                }

                if (item.Retention is not null && Present(item.Pointer + "/retention"))
                {
                    CheckRetention(item.Retention, item.Pointer + "/retention");
                }

                if (CheckPurpose(item.Purpose, item.Pointer + "/purpose", item.Key, key) is { } normalized)
                {
                    purposes.Add((normalized, item));
                }

                if (item.Necessary && category is not null && Present(item.Pointer + "/necessity"))
                {
                    var inScope = category.NecessaryKeys.Any(n => catalog.Covers(n, item.Key) || catalog.Covers(item.Key, n));
                    if (!inScope)
                    {
                        Add(DeclarationRules.NotNecessaryForCategory, item.Pointer + "/necessity",
                            "`" + item.Key + "` is marked necessary, but the basic function of `" + category.Id + "` (" + category.NameZh + ") does not need it",
                            (category.NeedsNoPersonalInformation
                                ? "mark it `optional`: this category's basic function needs no personal information"
                                : "mark it `optional`: this category's necessary information is " + string.Join(", ", category.NecessaryKeys.Select(k => "`" + k + "`")))
                            + " (2021 Provisions on necessary personal information, Art. 4-5)");
                    }
                }
            }

            foreach (var group in purposes.GroupBy(p => p.Normalized, StringComparer.Ordinal))
            {
                var keys = group.Select(g => g.Item.Key).Distinct(StringComparer.Ordinal).Count();
                if (keys < 3)
                {
                    continue;
                }

                var firstItem = group.First().Item;
                foreach (var (_, item) in group.Skip(1))
                {
                    Add(DeclarationRules.PurposeRepeated, item.Pointer + "/purpose", "the same purpose is pasted for " + keys + " keys (first at `" + firstItem.Pointer + "/purpose`)",
                        "say for each key what the app does with it, e.g. `用于在下单时填写收货地址`", DiagnosticSeverity.Warning);
                }
            }
        }

        private void CheckSdks(PrivacyDeclaration d)
        {
            for (var s = 0; s < d.Sdks.Count; s++)
            {
                var sdk = d.Sdks[s];
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in sdk.Items)
                {
                    var key = CheckKey(item.Key, item.Pointer + "/key", d.Developer);
                    if (!seen.Add(item.Key) && item.Key.Length > 0)
                    {
                        Add(DeclarationRules.DuplicateKey, item.Pointer + "/key", "key `" + item.Key + "` is declared twice for sdk `" + sdk.Name + "`", "merge the two items into one");
                    }

                    CheckPurpose(item.Purpose, item.Pointer + "/purpose", item.Key, key);
                }
            }
        }

        private PrivacyKey? CheckKey(string id, string pointer, DeclarationDeveloper developer)
        {
            if (!Present(pointer))
            {
                return null;
            }

            if (catalog.TryGetKey(id, out var key))
            {
                if (developer.EntityType != DeveloperEntityTypes.None && (key.AllowedEntities & developer.EntityType) == 0)
                {
                    Add(DeclarationRules.EntityNotAllowed, pointer, "a developer of type `" + developer.EntityType.ToString().ToLowerInvariant() + "` may not use `" + id + "`",
                        "remove the item and the code that uses it, or publish under an entity that may (" + key.AllowedEntities.ToString().ToLowerInvariant() + ")");
                }
                else if (key.RequiresVerifiedDeveloper && !developer.Verified)
                {
                    Add(DeclarationRules.EntityNotAllowed, pointer, "`" + id + "` needs a verified developer, and `developer.verified` is false",
                        "complete the platform's verification (WeChat 认证) first, or remove the item and the code that uses it");
                }

                return key;
            }

            if (PrivacyKey.IsCustomKeyId(id))
            {
                return null;
            }

            var guess = FuzzyMatch.Closest(id, catalog.Keys.Select(k => k.Id));
            Add(DeclarationRules.UnknownKey, pointer, "unknown privacy key `" + id + "`",
                guess is not null ? "did you mean `" + guess + "`?" : "use a key of `ntk catalog show`, or a custom key such as `x-membership-level` (`x-`, lowercase letters, digits, hyphens)");
            return null;
        }

        private string? CheckPurpose(string purpose, string pointer, string keyId, PrivacyKey? key)
        {
            if (!Present(pointer))
            {
                return null;
            }

            var normalized = PurposeText.Normalize(purpose);
            if (normalized.Length == 0)
            {
                Add(DeclarationRules.PurposeEmpty, pointer, "the purpose of `" + keyId + "` is empty", "say what the app does with it, as users will read it: `为了〈purpose〉，开发者将在获取你的明示同意后收集…`");
                return null;
            }

            if (PurposeText.SaysNotUsed(normalized) is { } phrase)
            {
                Add(DeclarationRules.PurposeNotUsed, pointer, "the purpose of `" + keyId + "` says it is not used (`" + phrase + "`)",
                    "remove the item and the code that calls the apis of `" + keyId + "`: the platform requires the declaration because the code uses it");
                return null;
            }

            if (PurposeText.IsPlaceholder(normalized))
            {
                Add(DeclarationRules.PurposeVague, pointer, "the purpose of `" + keyId + "` is a placeholder: `" + purpose.Trim() + "`", "say for what feature and why, e.g. `用于展示附近的门店并计算配送距离`");
                return null;
            }

            if (PurposeText.Score(normalized) < PurposeText.MinScore || PurposeText.SpecificScore(normalized) < PurposeText.MinSpecificScore)
            {
                Add(DeclarationRules.PurposeVague, pointer, "the purpose of `" + keyId + "` is too vague: `" + purpose.Trim() + "`", "name the feature and what it does with the information, e.g. `用于展示附近的门店并计算配送距离`");
                return null;
            }

            if (key?.Sensitivity == Sensitivity.Sensitive && PurposeText.Score(normalized) < PurposeText.MinSensitiveScore)
            {
                Add(DeclarationRules.SensitiveWithoutJustification, pointer, "`" + keyId + "` is sensitive personal information and its purpose does not justify it: `" + purpose.Trim() + "`",
                    "state the specific purpose and why it is necessary (PIPL Art. 28), e.g. `用于网约车行程中向司机实时显示上车位置`");
            }

            return normalized;
        }

        private void CheckText()
        {
            foreach (var node in parsed.Nodes.Values)
            {
                if (node.Kind != JsonValueKind.String || node.Text is null)
                {
                    continue;
                }

                if (PurposeText.InvisibleOrBidi(node.Text) is { } codePoint)
                {
                    Add(DeclarationRules.SuspiciousText, node.Pointer, "text holds the invisible or bidirectional control character " + codePoint,
                        "remove it: it can make the text read differently from what is stored", DiagnosticSeverity.Warning);
                }
                else if (PurposeText.MixedScriptWord(node.Text) is { } word)
                {
                    Add(DeclarationRules.SuspiciousText, node.Pointer, "word `" + word + "` mixes latin with cyrillic or greek letters",
                        "retype the word in one script; mixed scripts are a way to hide text from review", DiagnosticSeverity.Warning);
                }
            }
        }
    }
}
