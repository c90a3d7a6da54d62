using System.Text.Json;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Diagnostics;

namespace NeedToKnow.Core.Declarations;

/// <summary>
/// Reads <c>privacy.json</c> from untrusted bytes. Never throws on bad input: every problem becomes a
/// <see cref="Diagnostic"/> with a rule id, line:column and JSON pointer (truncated JSON, wrong types, duplicate
/// properties, comments, invalid UTF-8, limits of <see cref="DeclarationLimits"/>). A UTF-8 byte order mark is skipped.
/// </summary>
public static class DeclarationParser
{
    internal static readonly string[] RootFields = ["$schema", "appId", "version", "developer", "serviceCategory", "contact", "changeNotice", "retention", "items", "sdks", "businessDomains", "navigateToMiniPrograms"];
    internal static readonly string[] DeveloperFields = ["name", "entityType", "verified"];
    internal static readonly string[] ContactFields = ["phone", "email", "other"];
    internal static readonly string[] ItemFields = ["key", "purpose", "necessity", "retention", "precision"];
    internal static readonly string[] SdkFields = ["name", "provider", "items"];
    internal static readonly string[] SdkItemFields = ["key", "purpose"];

    /// <summary>Parses a declaration.</summary>
    /// <param name="utf8">The file's bytes (UTF-8, optionally with a byte order mark).</param>
    /// <param name="file">The file name for diagnostics, or null.</param>
    /// <param name="limits">Limits; <see cref="DeclarationLimits.Default"/> when null.</param>
    /// <returns>The declaration and the problems met while reading it.</returns>
    public static DeclarationParseResult Parse(byte[] utf8, string? file = null, DeclarationLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        var diagnostics = new List<Diagnostic>();
        var nodes = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        var root = JsonTreeReader.Read(utf8, file, limits ?? DeclarationLimits.Default, diagnostics);
        if (root is null || diagnostics.Any(d => IsFatal(d.Code)))
        {
            return new DeclarationParseResult(null, diagnostics, file, nodes);
        }

        Index(root, nodes);
        var binder = new Binder(diagnostics, file);
        if (root.Kind != JsonValueKind.Object)
        {
            binder.Report(DeclarationRules.WrongType, root, "a declaration must be a json object, not " + Describe(root.Kind), "start the file with `{`; see docs/declaration.md");
            return new DeclarationParseResult(null, diagnostics, file, nodes);
        }

        var declaration = binder.Bind(root);
        return new DeclarationParseResult(declaration, diagnostics, file, nodes);
    }

    /// <summary>
    /// Checks a document's size before reading it, so that a caller holding a file or stream need not load an
    /// oversized one: returns the <c>NTK-DECL-003</c> diagnostic naming the limit <see cref="DeclarationLimits.MaxBytes"/>, or null.
    /// </summary>
    /// <param name="byteCount">The document's size in bytes.</param>
    /// <param name="file">The file name for diagnostics, or null.</param>
    /// <param name="limits">Limits; <see cref="DeclarationLimits.Default"/> when null.</param>
    /// <returns>The diagnostic, or null when the size is within the limit.</returns>
    public static Diagnostic? CheckSize(long byteCount, string? file = null, DeclarationLimits? limits = null)
    {
        var max = (limits ?? DeclarationLimits.Default).MaxBytes;
        return byteCount <= max
            ? null
            : new Diagnostic(DeclarationRules.TooLarge, DiagnosticSeverity.Error,
                "declaration is larger than the limit `MaxBytes` of " + max + " bytes: it has " + byteCount + " bytes",
                "keep privacy.json under " + max + " bytes; it holds keys and purposes, not data", new DiagnosticLocation(file, JsonPointer: ""));
    }

    /// <summary>An unreadable result holding only <paramref name="diagnostic"/> (e.g. from <see cref="CheckSize"/>).</summary>
    /// <param name="diagnostic">Why the input cannot be read.</param>
    /// <param name="file">The file name, or null.</param>
    /// <returns>The result.</returns>
    public static DeclarationParseResult Unreadable(Diagnostic diagnostic, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        return new DeclarationParseResult(null, [diagnostic], file, new Dictionary<string, JsonNode>());
    }

    internal static bool IsFatal(string code) =>
        code is DeclarationRules.InvalidJson or DeclarationRules.InvalidUtf8 or DeclarationRules.TooDeep
        || code == DeclarationRules.TooLarge;

    private static void Index(JsonNode node, Dictionary<string, JsonNode> nodes)
    {
        nodes[node.Pointer] = node;
        foreach (var p in node.Properties ?? [])
        {
            Index(p.Value, nodes);
        }

        foreach (var item in node.Items ?? [])
        {
            Index(item, nodes);
        }
    }

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private sealed class Binder(List<Diagnostic> diagnostics, string? file)
    {
        public void Report(string code, JsonNode node, string message, string help, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
            diagnostics.Add(new Diagnostic(code, severity, message, help, new DiagnosticLocation(file, node.Line, node.Column, node.Pointer, node.Offset, node.Length)));

        public PrivacyDeclaration Bind(JsonNode root)
        {
            Unknown(root, RootFields, "the declaration");
            var developer = Object(root, "developer", true);
            var contact = Object(root, "contact", false);
            if (developer is not null)
            {
                Unknown(developer, DeveloperFields, "`developer`");
            }

            if (contact is not null)
            {
                Unknown(contact, ContactFields, "`contact`");
            }

            var items = new List<DeclarationItem>();
            foreach (var item in Array(root, "items", true))
            {
                if (ExpectObject(item))
                {
                    Unknown(item, ItemFields, "an item");
                    var necessity = String(item, "necessity", true);
                    if (necessity is not null && necessity != "necessary" && necessity != "optional")
                    {
                        Report(DeclarationRules.InvalidValue, item.Get("necessity")!, "`necessity` must be `necessary` or `optional`, not `" + necessity + "`", "write `necessary` when the service category's basic function cannot work without it, else `optional`");
                    }

                    var precisionText = String(item, "precision", false);
                    var precision = precisionText switch
                    {
                        "precise" => LocationPrecision.Precise,
                        "fuzzy" => LocationPrecision.Fuzzy,
                        _ => LocationPrecision.None,
                    };
                    if (precisionText is not null && precision == LocationPrecision.None)
                    {
                        Report(DeclarationRules.InvalidValue, item.Get("precision")!, "`precision` must be `precise` or `fuzzy`, not `" + precisionText + "`", "use `precise` for wx.getLocation and similar, `fuzzy` for wx.getFuzzyLocation");
                    }

                    items.Add(new DeclarationItem
                    {
                        Key = String(item, "key", true) ?? "",
                        Purpose = String(item, "purpose", true) ?? "",
                        Necessary = necessity == "necessary",
                        Retention = String(item, "retention", false),
                        Precision = precision,
                        Pointer = item.Pointer,
                    });
                }
            }

            var sdks = new List<DeclarationSdk>();
            foreach (var sdk in Array(root, "sdks", false))
            {
                if (ExpectObject(sdk))
                {
                    Unknown(sdk, SdkFields, "an sdk");
                    var sdkItems = new List<DeclarationSdkItem>();
                    foreach (var item in Array(sdk, "items", true))
                    {
                        if (ExpectObject(item))
                        {
                            Unknown(item, SdkItemFields, "an sdk item");
                            sdkItems.Add(new DeclarationSdkItem { Key = String(item, "key", true) ?? "", Purpose = String(item, "purpose", true) ?? "", Pointer = item.Pointer });
                        }
                    }

                    sdks.Add(new DeclarationSdk { Name = String(sdk, "name", true) ?? "", Provider = String(sdk, "provider", true) ?? "", Items = sdkItems });
                }
            }

            var entityText = developer is null ? null : String(developer, "entityType", true);
            var entity = entityText switch
            {
                "organisation" or "organization" => DeveloperEntityTypes.Organisation,
                "individual" => DeveloperEntityTypes.Individual,
                "government" => DeveloperEntityTypes.Government,
                _ => DeveloperEntityTypes.None,
            };
            if (entityText is not null && entity == DeveloperEntityTypes.None)
            {
                Report(DeclarationRules.InvalidValue, developer!.Get("entityType")!, "`entityType` must be `organisation`, `individual` or `government`, not `" + entityText + "`", "use the entity type of the account's legal subject");
            }

            return new PrivacyDeclaration
            {
                AppId = String(root, "appId", true) ?? "",
                Version = String(root, "version", true) ?? "",
                Developer = new DeclarationDeveloper
                {
                    Name = developer is null ? "" : String(developer, "name", true) ?? "",
                    EntityType = entity,
                    Verified = developer is not null && Bool(developer, "verified"),
                },
                ServiceCategory = String(root, "serviceCategory", true) ?? "",
                Contact = contact is null
                    ? new DeclarationContact()
                    : new DeclarationContact { Phone = String(contact, "phone", false), Email = String(contact, "email", false), Other = String(contact, "other", false) },
                ChangeNotice = String(root, "changeNotice", true) ?? "",
                Retention = String(root, "retention", true) ?? "",
                Items = items,
                Sdks = sdks,
                BusinessDomains = Strings(root, "businessDomains"),
                NavigateToMiniPrograms = Strings(root, "navigateToMiniPrograms"),
            };
        }

        private void Unknown(JsonNode obj, string[] allowed, string where)
        {
            foreach (var p in obj.Properties!)
            {
                if (System.Array.IndexOf(allowed, p.Name) < 0)
                {
                    var guess = FuzzyMatch.Closest(p.Name, allowed.Where(a => a[0] != '$'));
                    diagnostics.Add(new Diagnostic(DeclarationRules.UnknownProperty, DiagnosticSeverity.Error,
                        "unknown property `" + p.Name + "` in " + where,
                        guess is null ? "remove it; the fields are " + string.Join(", ", allowed.Where(a => a[0] != '$')) : "did you mean `" + guess + "`?",
                        new DiagnosticLocation(file, p.Line, p.Column, p.Value.Pointer, p.Offset, p.Length)));
                }
            }
        }

        private bool ExpectObject(JsonNode node)
        {
            if (node.Kind == JsonValueKind.Object)
            {
                return true;
            }

            Report(DeclarationRules.WrongType, node, "expected an object, not " + Describe(node.Kind), "write `{ ... }`; see docs/declaration.md");
            return false;
        }

        private JsonNode? Object(JsonNode parent, string name, bool required)
        {
            var node = Field(parent, name, required);
            if (node is null || node.Kind == JsonValueKind.Object)
            {
                return node;
            }

            Report(DeclarationRules.WrongType, node, "`" + name + "` must be an object, not " + Describe(node.Kind), "write `\"" + name + "\": { ... }`");
            return null;
        }

        private IEnumerable<JsonNode> Array(JsonNode parent, string name, bool required)
        {
            var node = Field(parent, name, required);
            if (node is null)
            {
                return [];
            }

            if (node.Kind != JsonValueKind.Array)
            {
                Report(DeclarationRules.WrongType, node, "`" + name + "` must be an array, not " + Describe(node.Kind), "write `\"" + name + "\": [ ... ]`");
                return [];
            }

            return node.Items!;
        }

        private string? String(JsonNode parent, string name, bool required)
        {
            var node = Field(parent, name, required);
            if (node is null)
            {
                return null;
            }

            if (node.Kind != JsonValueKind.String)
            {
                Report(DeclarationRules.WrongType, node, "`" + name + "` must be a string, not " + Describe(node.Kind), "put the value in double quotes");
                return null;
            }

            return node.Text;
        }

        private bool Bool(JsonNode parent, string name)
        {
            var node = Field(parent, name, false);
            if (node is null)
            {
                return false;
            }

            if (node.Kind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Report(DeclarationRules.WrongType, node, "`" + name + "` must be true or false, not " + Describe(node.Kind), "write `true` or `false` without quotes");
                return false;
            }

            return node.Kind == JsonValueKind.True;
        }

        private IReadOnlyList<string> Strings(JsonNode parent, string name)
        {
            var list = new List<string>();
            foreach (var item in Array(parent, name, false))
            {
                if (item.Kind == JsonValueKind.String)
                {
                    list.Add(item.Text!);
                }
                else
                {
                    Report(DeclarationRules.WrongType, item, "`" + name + "` items must be strings, not " + Describe(item.Kind), "put each value in double quotes");
                }
            }

            return list;
        }

        private JsonNode? Field(JsonNode parent, string name, bool required)
        {
            var node = parent.Get(name);
            if (node is null && required && !(name == "contact"))
            {
                Report(DeclarationRules.MissingField, parent, "missing required field `" + name + "`" + (parent.Pointer.Length == 0 ? "" : " in `" + parent.Pointer + "`"),
                    "add `" + name + "`; see docs/declaration.md");
            }

            return node?.Kind == JsonValueKind.Null && required ? NullIsMissing(parent, name) : node;
        }

        private JsonNode? NullIsMissing(JsonNode parent, string name)
        {
            var node = parent.Get(name)!;
            Report(DeclarationRules.WrongType, node, "`" + name + "` must not be null", "give it a value; see docs/declaration.md");
            return null;
        }
    }
}
