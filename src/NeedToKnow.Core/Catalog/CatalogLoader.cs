using System.Text.Json;
using NeedToKnow.Core.Diagnostics;

namespace NeedToKnow.Core.Catalog;

/// <summary>
/// Reads catalog documents (the embedded data files and an operator's override file) into rows, merges them,
/// and checks the invariants of STYLE.md H17 before <see cref="PrivacyCatalog"/> is built.
/// </summary>
internal sealed class CatalogLoader
{
    /// <summary>Largest override document accepted, in UTF-16 code units (8 Mi).</summary>
    public const int MaxDocumentLength = PrivacyCatalog.MaxOverrideLength;

    private static readonly string[] Sections = ["keys", "bindings", "scopes", "serviceCategories", "reasonCodes"];

    private readonly List<Diagnostic> _diagnostics = [];
    private readonly Dictionary<string, string> _sources = new(StringComparer.Ordinal);
    private readonly Rows<PrivacyKey> _keys = new();
    private readonly Rows<ApiBinding> _bindings = new();
    private readonly Rows<Scope> _scopes = new();
    private readonly Rows<ServiceCategory> _categories = new();
    private readonly Rows<ReasonCode> _reasons = new();

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    /// <summary>Adds every row of one document; rows whose id is already known from an earlier document replace it.</summary>
    public void AddDocument(string json, string file)
    {
        if (json.Length > MaxDocumentLength)
        {
            _diagnostics.Add(new Diagnostic(CatalogCodes.InvalidJson, DiagnosticSeverity.Error,
                "catalog file is larger than the limit `MaxDocumentLength` of " + MaxDocumentLength + " characters: it has " + json.Length,
                "split the override or remove rows you do not change", new DiagnosticLocation(file, JsonPointer: "")));
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            _diagnostics.Add(new Diagnostic(CatalogCodes.InvalidJson, DiagnosticSeverity.Error,
                "catalog file is not valid json: " + FirstSentence(e.Message), "fix the json syntax",
                new DiagnosticLocation(file, (int)(e.LineNumber ?? -1) + 1, (int)(e.BytePositionInLine ?? -1) + 1)));
            return;
        }

        using (document)
        {
            _sources[file] = json;
            try
            {
                AddRows(document.RootElement, file);
            }
            catch (InvalidOperationException)
            {
                // JsonDocument accepts an escaped lone surrogate (`\ud800`); only reading the string refuses it.
                _diagnostics.Add(new Diagnostic(CatalogCodes.InvalidJson, DiagnosticSeverity.Error,
                    "catalog file holds a string with an unpaired surrogate escape such as `\\ud800`, which is not a unicode character",
                    "remove the escape, or write the whole character", new DiagnosticLocation(file, JsonPointer: "")));
            }
        }
    }

    /// <summary>The problems, each with the line and column of its JSON pointer (JsonDocument keeps no positions).</summary>
    private Diagnostic[] Located()
    {
        var trees = new Dictionary<string, Declarations.JsonNode?>(StringComparer.Ordinal);
        for (var i = 0; i < _diagnostics.Count; i++)
        {
            if (_diagnostics[i].Location is not { Line: 0, JsonPointer: { } pointer, File: { } file } location || !_sources.TryGetValue(file, out var json))
            {
                continue;
            }

            if (!trees.TryGetValue(file, out var tree))
            {
                trees[file] = tree = Declarations.JsonTreeReader.Read(System.Text.Encoding.UTF8.GetBytes(json), file, PositionLimits, []);
            }

            if (tree is null)
            {
                continue;
            }

            var node = tree.Locate(pointer);
            _diagnostics[i] = _diagnostics[i] with { Location = location with { Line = node.Line, Column = node.Column } };
        }

        return [.. _diagnostics];
    }

    // Only to find positions: the document already parsed within MaxDocumentLength and depth 16.
    private static readonly Declarations.DeclarationLimits PositionLimits = new()
    {
        MaxBytes = MaxDocumentLength * 3, MaxDepth = 64, MaxArrayLength = int.MaxValue, MaxStringLength = int.MaxValue,
    };

    private void AddRows(JsonElement root, string file)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Error(CatalogCodes.InvalidJson, file, "", "a catalog file must be a json object with the sections " + string.Join(", ", Sections));
            return;
        }

        foreach (var section in root.EnumerateObject())
        {
            if (section.Name == "$schema" || section.Name == "$comment")
            {
                continue;
            }

            if (Array.IndexOf(Sections, section.Name) < 0)
            {
                var guess = FuzzyMatch.Closest(section.Name, Sections);
                Error(CatalogCodes.InvalidField, file, "/" + RowReader.Escape(section.Name), "unknown catalog section `" + section.Name + "`",
                    guess is null ? "the sections are " + string.Join(", ", Sections) : "did you mean `" + guess + "`?");
                continue;
            }

            if (section.Value.ValueKind != JsonValueKind.Array)
            {
                Error(CatalogCodes.InvalidField, file, "/" + section.Name, "section `" + section.Name + "` must be an array of rows");
                continue;
            }

            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var row in section.Value.EnumerateArray())
            {
                var pointer = "/" + section.Name + "/" + index++;
                if (row.ValueKind != JsonValueKind.Object)
                {
                    Error(CatalogCodes.InvalidField, file, pointer, "a row must be a json object, not " + RowReader.Describe(row.ValueKind));
                    continue;
                }

                var reader = new RowReader(row, file, pointer, _diagnostics);
                var entry = ReadRow(section.Name, reader);
                reader.Finish();
                if (entry is null || reader.Failed)
                {
                    continue;
                }

                if (seen.TryGetValue(entry.Id, out var first))
                {
                    Error(CatalogCodes.DuplicateId, file, pointer + "/id", "duplicate id `" + entry.Id + "` in `" + section.Name + "`: first defined at " + first,
                        "give each row its own id");
                    continue;
                }

                seen[entry.Id] = pointer;
                var origin = new RowOrigin(file, pointer);
                switch (entry)
                {
                    case PrivacyKey k: _keys.Put(k, origin); break;
                    case ApiBinding b: _bindings.Put(b, origin); break;
                    case Scope s: _scopes.Put(s, origin); break;
                    case ServiceCategory c: _categories.Put(c, origin); break;
                    case ReasonCode r: _reasons.Put(r, origin); break;
                }
            }
        }
    }

    /// <summary>Checks the invariants over the merged rows and builds the catalog, or throws <see cref="CatalogException"/>.</summary>
    public PrivacyCatalog Build()
    {
        CheckLifecycle(_keys);
        CheckLifecycle(_bindings);
        CheckLifecycle(_scopes);
        CheckLifecycle(_categories);
        CheckLifecycle(_reasons);
        var ancestors = ResolveParents();
        foreach (var (binding, origin) in _bindings.All)
        {
            RequireKey(binding.Key, origin, "/key");
            if (binding.Scope is not null && !_scopes.Contains(binding.Scope))
            {
                Unknown(origin, "/scope", "scope", binding.Scope, _scopes.Ids);
            }
        }

        foreach (var (scope, origin) in _scopes.All)
        {
            RequireKey(scope.Key, origin, "/key");
        }

        foreach (var (key, origin) in _keys.All)
        {
            if (key.Scope is not null && !_scopes.Contains(key.Scope))
            {
                Unknown(origin, "/scope", "scope", key.Scope, _scopes.Ids);
            }
        }

        foreach (var (category, origin) in _categories.All)
        {
            for (var i = 0; i < category.NecessaryKeys.Count; i++)
            {
                RequireKey(category.NecessaryKeys[i], origin, "/necessaryKeys/" + i);
            }
        }

        if (_diagnostics.Count > 0)
        {
            throw new CatalogException(Located());
        }

        var catalog = new PrivacyCatalog(_keys.Values, _bindings.Values, _scopes.Values, _categories.Values, _reasons.Values, ancestors);
        foreach (var (message, id) in catalog.Conflicts)
        {
            var origin = _bindings.OriginOf(id);
            Error(CatalogCodes.AmbiguousBinding, origin.File, origin.Pointer, message, "remove one of the two bindings or make them differ");
        }

        if (_diagnostics.Count > 0)
        {
            throw new CatalogException(Located());
        }

        return catalog;
    }

    private Dictionary<string, string[]> ResolveParents()
    {
        var ancestors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, origin) in _keys.All)
        {
            var chain = new List<string>();
            var visited = new HashSet<string>(StringComparer.Ordinal) { key.Id };
            var current = key;
            while (current.Parent is not null)
            {
                if (!_keys.TryGet(current.Parent, out var parent))
                {
                    if (current == key)
                    {
                        var guess = FuzzyMatch.Closest(current.Parent, _keys.Ids);
                        Error(CatalogCodes.MissingParent, origin.File, origin.Pointer + "/parent", "key `" + key.Id + "` has an unknown parent `" + current.Parent + "`",
                            guess is null ? "use the id of an existing key or remove `parent`" : "did you mean `" + guess + "`?");
                    }

                    break;
                }

                if (!visited.Add(parent.Id))
                {
                    Error(CatalogCodes.ParentCycle, origin.File, origin.Pointer + "/parent",
                        "key `" + key.Id + "` is its own ancestor: " + key.Id + " -> " + string.Join(" -> ", chain.Append(parent.Id)),
                        "break the cycle by removing one `parent`");
                    break;
                }

                chain.Add(parent.Id);
                current = parent;
            }

            ancestors[key.Id] = chain.ToArray();
        }

        return ancestors;
    }

    private void CheckLifecycle<T>(Rows<T> rows)
        where T : CatalogEntry
    {
        foreach (var (row, origin) in rows.All)
        {
            var added = ParseVersion(row.AddedIn, origin, "/addedIn");
            if (row.DeprecatedIn is not null)
            {
                var deprecated = ParseVersion(row.DeprecatedIn, origin, "/deprecatedIn");
                if (added is not null && deprecated is not null && deprecated < added)
                {
                    Error(CatalogCodes.DeprecatedBeforeAdded, origin.File, origin.Pointer + "/deprecatedIn",
                        "`" + row.Id + "` is deprecated in `" + row.DeprecatedIn + "`, before it was added in `" + row.AddedIn + "`",
                        "set `deprecatedIn` to the version of addition or later");
                }
            }

            if (row.ReplacedBy is not null)
            {
                if (row.DeprecatedIn is null)
                {
                    Error(CatalogCodes.ReplacedWithoutDeprecation, origin.File, origin.Pointer + "/replacedBy",
                        "`" + row.Id + "` names a replacement `" + row.ReplacedBy + "` but is not deprecated",
                        "add `deprecatedIn`, or remove `replacedBy`");
                }

                if (!rows.Contains(row.ReplacedBy))
                {
                    Unknown(origin, "/replacedBy", "replacement", row.ReplacedBy, rows.Ids);
                }
                else if (row.ReplacedBy == row.Id)
                {
                    Error(CatalogCodes.UnknownReference, origin.File, origin.Pointer + "/replacedBy", "`" + row.Id + "` is replaced by itself", "name another row");
                }
            }
        }
    }

    private Version? ParseVersion(string text, RowOrigin origin, string field)
    {
        if (Version.TryParse(text, out var version) && text.Count(c => c == '.') <= 2 && !text.Contains('-', StringComparison.Ordinal))
        {
            return version;
        }

        Error(CatalogCodes.InvalidField, origin.File, origin.Pointer + field, "`" + text + "` is not a catalog version", "write it as major.minor or major.minor.patch, e.g. `1.0`");
        return null;
    }

    private void RequireKey(string key, RowOrigin origin, string field)
    {
        if (!_keys.Contains(key))
        {
            Unknown(origin, field, "privacy key", key, _keys.Ids);
        }
    }

    private void Unknown(RowOrigin origin, string field, string what, string value, IEnumerable<string> candidates)
    {
        var guess = FuzzyMatch.Closest(value, candidates);
        Error(CatalogCodes.UnknownReference, origin.File, origin.Pointer + field, "unknown " + what + " `" + value + "`",
            guess is null ? "use an id the catalog defines" : "did you mean `" + guess + "`?");
    }

    private void Error(string code, string file, string pointer, string message, string? help = null) =>
        _diagnostics.Add(new Diagnostic(code, DiagnosticSeverity.Error, message, help, new DiagnosticLocation(file, JsonPointer: pointer)));

    private static string FirstSentence(string message)
    {
        var text = message.Split(". ")[0].TrimEnd('.');
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    private static CatalogEntry? ReadRow(string section, RowReader r)
    {
        var id = r.String("id", required: true);
        var source = r.String("source", required: true);
        var addedIn = r.String("addedIn", required: true);
        var deprecatedIn = r.String("deprecatedIn");
        var replacedBy = r.String("replacedBy");
        var verified = r.Bool("verified", true);
        var note = r.String("note");
        CatalogEntry? entry = section switch
        {
            "keys" => ReadKey(r, id, source, addedIn),
            "bindings" => ReadBinding(r, id, source, addedIn),
            "scopes" => ReadScope(r, id, source, addedIn),
            "serviceCategories" => ReadCategory(r, id, source, addedIn),
            _ => ReadReason(r, id, source, addedIn),
        };
        if (entry is null || id is null || source is null || addedIn is null)
        {
            return null;
        }

        // The lifecycle fields are common to every section; the section readers leave them at their defaults.
        return entry with
        {
            DeprecatedIn = deprecatedIn,
            ReplacedBy = replacedBy,
            Verified = verified,
            Note = note,
        };
    }

    private static PrivacyKey? ReadKey(RowReader r, string? id, string? source, string? addedIn)
    {
        var nameEn = r.String("nameEn", true);
        var nameZh = r.String("nameZh", true);
        var parent = r.String("parent");
        var sensitivity = r.Enum("sensitivity", true, Sensitivity.Personal);
        var sensitivitySource = r.String("sensitivitySource", true);
        var access = r.Enum("access", true, KeyAccess.Read);
        var scope = r.String("scope");
        var admission = r.Bool("needsAdmission");
        var rpi = r.Bool("needsRequiredPrivateInfos");
        var gesture = r.Bool("needsUserGesture");
        var entities = DeveloperEntityTypes.None;
        foreach (var name in r.StringList("allowedEntities", true))
        {
            var flag = name switch
            {
                "organisation" => DeveloperEntityTypes.Organisation,
                "individual" => DeveloperEntityTypes.Individual,
                "government" => DeveloperEntityTypes.Government,
                _ => DeveloperEntityTypes.None,
            };
            if (flag == DeveloperEntityTypes.None)
            {
                r.Report(r.Pointer + "/allowedEntities", "unknown developer entity `" + name + "`", "use organisation, individual or government");
            }

            entities |= flag;
        }

        var verifiedDeveloper = r.Bool("requiresVerifiedDeveloper");
        var apiBacked = r.Bool("apiBacked");
        var origin = r.Enum("origin", false, KeyOrigin.Operator);
        if (id is null || source is null || addedIn is null || nameEn is null || nameZh is null || sensitivitySource is null)
        {
            return null;
        }

        return new PrivacyKey
        {
            Id = id,
            Source = source,
            AddedIn = addedIn,
            NameEn = nameEn,
            NameZh = nameZh,
            Parent = parent,
            Sensitivity = sensitivity,
            SensitivitySource = sensitivitySource,
            Access = access,
            Scope = scope,
            NeedsAdmission = admission,
            NeedsRequiredPrivateInfos = rpi,
            NeedsUserGesture = gesture,
            AllowedEntities = entities,
            RequiresVerifiedDeveloper = verifiedDeveloper,
            ApiBacked = apiBacked,
            Origin = origin,
        };
    }

    private static ApiBinding? ReadBinding(RowReader r, string? id, string? source, string? addedIn)
    {
        var platform = r.String("platform", true);
        var kind = r.Enum("kind", true, BindingKind.Function);
        var api = r.String("api", true);
        var member = r.String("member");
        var contextType = r.String("contextType");
        var factory = r.String("factory");
        var tag = r.String("tag");
        var attribute = r.String("attribute");
        var value = r.String("value");
        var key = r.String("key", true);
        var scope = r.String("scope");
        var rpi = r.Bool("requiredPrivateInfo");
        var location = r.Enum("location", false, LocationPrecision.None);
        var gesture = r.Bool("needsUserGesture");
        void Need(string? field, string name)
        {
            if (string.IsNullOrEmpty(field))
            {
                r.Report(r.Pointer, "a `" + kind.ToString().ToLowerInvariant() + "` binding needs `" + name + "`", "add `" + name + "`");
            }
        }

        switch (kind)
        {
            case BindingKind.Function: Need(member, "member"); break;
            case BindingKind.ContextMethod: Need(member, "member"); Need(contextType, "contextType"); Need(factory, "factory"); break;
            case BindingKind.Component: Need(tag, "tag"); break;
            case BindingKind.Attribute: Need(tag, "tag"); Need(attribute, "attribute"); Need(value, "value"); break;
            case BindingKind.AuthorizeScope: Need(member, "member"); Need(scope, "scope"); break;
        }

        if (value is not null && value.Contains('|', StringComparison.Ordinal))
        {
            r.Report(r.Pointer + "/value", "an attribute binding's value is one token, without `|`", "bind each token separately; combined values are split on `|` at lookup");
        }

        if (id is null || source is null || addedIn is null || platform is null || api is null || key is null)
        {
            return null;
        }

        return new ApiBinding
        {
            Id = id,
            Source = source,
            AddedIn = addedIn,
            Platform = platform,
            Kind = kind,
            Api = api,
            Member = member,
            ContextType = contextType,
            Factory = factory,
            Tag = tag,
            Attribute = attribute,
            Value = value,
            Key = key,
            Scope = scope,
            RequiredPrivateInfo = rpi,
            Location = location,
            NeedsUserGesture = gesture,
        };
    }

    private static Scope? ReadScope(RowReader r, string? id, string? source, string? addedIn)
    {
        var key = r.String("key", true);
        var status = r.Enum("status", true, ScopeStatus.Active);
        var platforms = r.StringList("platforms", true);
        var desc = r.Bool("needsPermissionDesc");
        var apis = r.StringList("apis");
        if (id is null || source is null || addedIn is null || key is null)
        {
            return null;
        }

        return new Scope
        {
            Id = id,
            Source = source,
            AddedIn = addedIn,
            Key = key,
            Status = status,
            Platforms = platforms,
            NeedsPermissionDesc = desc,
            Apis = apis,
        };
    }

    private static ServiceCategory? ReadCategory(RowReader r, string? id, string? source, string? addedIn)
    {
        var number = r.Long("number", true);
        var nameEn = r.String("nameEn", true);
        var nameZh = r.String("nameZh", true);
        var basic = r.String("basicFunction", true);
        var items = r.StringList("necessaryItems", true);
        var keys = r.StringList("necessaryKeys", true);
        if (id is null || source is null || addedIn is null || number is null || nameEn is null || nameZh is null || basic is null)
        {
            return null;
        }

        return new ServiceCategory
        {
            Id = id,
            Source = source,
            AddedIn = addedIn,
            Number = (int)number,
            NameEn = nameEn,
            NameZh = nameZh,
            BasicFunction = basic,
            NecessaryItems = items,
            NecessaryKeys = keys,
        };
    }

    private static ReasonCode? ReadReason(RowReader r, string? id, string? source, string? addedIn)
    {
        var area = r.Enum("area", true, ReasonArea.Gate);
        var errno = r.Long("errno");
        var errMsg = r.String("errMsg");
        var message = r.String("message", true);
        var help = r.String("help", true);
        var severityText = r.String("severity");
        DiagnosticSeverity? severity = severityText switch
        {
            null => null,
            "error" => DiagnosticSeverity.Error,
            "warning" => DiagnosticSeverity.Warning,
            "note" => DiagnosticSeverity.Note,
            _ => null,
        };
        if (severityText is not null && severity is null)
        {
            r.Report(r.Pointer + "/severity", "unknown severity `" + severityText + "`", "use error, warning or note");
        }

        if (id is null || source is null || addedIn is null || message is null || help is null)
        {
            return null;
        }

        return new ReasonCode
        {
            Id = id,
            Source = source,
            AddedIn = addedIn,
            Area = area,
            Errno = errno,
            ErrMsg = errMsg,
            Message = message,
            Help = help,
            Severity = severity,
        };
    }

    internal readonly record struct RowOrigin(string File, string Pointer);

    /// <summary>Rows of one collection in first-seen order; a later row with the same id replaces the earlier one in place.</summary>
    private sealed class Rows<T>
        where T : CatalogEntry
    {
        private readonly List<T> _rows = [];
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly Dictionary<string, RowOrigin> _origins = new(StringComparer.Ordinal);

        public IEnumerable<(T Row, RowOrigin Origin)> All => _rows.Select(r => (r, _origins[r.Id]));

        public IReadOnlyList<T> Values => _rows;

        public IEnumerable<string> Ids => _index.Keys;

        public void Put(T row, RowOrigin origin)
        {
            if (_index.TryGetValue(row.Id, out var at))
            {
                _rows[at] = row;
            }
            else
            {
                _index[row.Id] = _rows.Count;
                _rows.Add(row);
            }

            _origins[row.Id] = origin;
        }

        public bool Contains(string id) => _index.ContainsKey(id);

        public bool TryGet(string id, out T row)
        {
            if (_index.TryGetValue(id, out var at))
            {
                row = _rows[at];
                return true;
            }

            row = null!;
            return false;
        }

        public RowOrigin OriginOf(string id) => _origins[id];
    }
}
