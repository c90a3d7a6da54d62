using System.Text;
using System.Text.Json;
using NeedToKnow.Core.Diagnostics;
using NeedToKnow.Links.Homographs;

namespace NeedToKnow.Links.Policy;

public sealed partial class LinkPolicyConfig
{
    /// <summary>Known list names and the reason a match on each gives.</summary>
    internal static readonly Dictionary<string, LinkReason> ListReasons = new(StringComparer.Ordinal)
    {
        ["platform"] = LinkReason.PlatformDomain,
        ["business"] = LinkReason.BusinessDomain,
        ["external"] = LinkReason.ExternalDomain,
        ["rivals"] = LinkReason.RivalPlatform,
        ["knownBad"] = LinkReason.KnownBad,
        ["shorteners"] = LinkReason.UrlShortener,
        ["appStores"] = LinkReason.AppDownload,
    };

    internal static readonly Dictionary<string, (LinkCategory Category, LinkReason Reason)> Categories = new(StringComparer.Ordinal)
    {
        ["app-download"] = (LinkCategory.AppDownload, LinkReason.AppDownload),
        ["share-for-reward"] = (LinkCategory.ShareForReward, LinkReason.ShareForReward),
        ["ip-host"] = (LinkCategory.IpHost, LinkReason.IpHost),
        ["non-https"] = (LinkCategory.NonHttps, LinkReason.NonHttps),
        ["unsafe-idn"] = (LinkCategory.UnsafeIdn, LinkReason.UnsafeIdn),
        ["non-web-scheme"] = (LinkCategory.NonWebScheme, LinkReason.NonWebScheme),
    };

    internal static readonly Dictionary<string, LinkDecisionKind> Decisions = new(StringComparer.Ordinal)
    {
        ["openInApp"] = LinkDecisionKind.OpenInApp,
        ["copyToBrowser"] = LinkDecisionKind.CopyToBrowser,
        ["block"] = LinkDecisionKind.Block,
    };

    internal static readonly Dictionary<string, LinkContextKind> ContextNames = new(StringComparer.Ordinal)
    {
        ["chat"] = LinkContextKind.ChatMessage,
        ["article"] = LinkContextKind.Article,
        ["share"] = LinkContextKind.ShareCard,
        ["webview"] = LinkContextKind.WebView,
    };

    private static readonly string[] TopLevel = ["$schema", "version", "lists", "patterns", "rules", "defaults"];
    private static readonly string[] PatternNames = ["shareForReward", "appPackageExtensions", "appSchemes"];
    private static readonly string[] RuleProperties = ["id", "list", "category", "contexts", "decision", "comment"];

    /// <summary>Validates the JSON document and builds the configuration; diagnostics carry a JSON pointer and line:column.</summary>
    private sealed class Parser(string json, string? file)
    {
        private readonly Dictionary<string, int> _offsets = new(StringComparer.Ordinal);
        private byte[] _utf8 = [];

        public List<Diagnostic> Diagnostics { get; } = [];

        public LinkPolicyConfig? Run()
        {
            _utf8 = Encoding.UTF8.GetBytes(json);
            if (_utf8.Length > MaxBytes)
            {
                Error("NTK-LINK-011", $"the configuration is {_utf8.Length} bytes: the limit is {MaxBytes} bytes", "split the lists or remove unused entries", "");
                return null;
            }

            JsonDocument doc;
            try
            {
                IndexPositions();
                doc = JsonDocument.Parse(_utf8, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 16 });
            }
            catch (JsonException ex)
            {
                var line = (int)(ex.LineNumber ?? 0) + 1;
                var column = (int)(ex.BytePositionInLine ?? 0) + 1;
                Diagnostics.Add(new Diagnostic("NTK-LINK-001", DiagnosticSeverity.Error, "the configuration is not valid JSON: " + FirstSentence(ex.Message),
                    "fix the JSON syntax at this position", new DiagnosticLocation(file, line, column)));
                return null;
            }

            using (doc)
            {
                var config = new LinkPolicyConfig { Source = file ?? "configuration" };
                Build(doc.RootElement, config);
                if (Diagnostics.Exists(d => d.Severity == DiagnosticSeverity.Error))
                {
                    return null;
                }

                var allowed = new List<string>();
                foreach (var name in (string[])["platform", "external"])
                {
                    if (config.Lists.TryGetValue(name, out var set))
                    {
                        allowed.AddRange(set.Items);
                    }
                }

                config.Lookalikes = new LookalikeDetector(allowed);
                config.Idn = new IdnDisplayPolicy(config.Lookalikes);
                return config;
            }
        }

        private void Build(JsonElement root, LinkPolicyConfig config)
        {
            if (!Expect(root, JsonValueKind.Object, "", "an object"))
            {
                return;
            }

            UnknownProperties(root, "", TopLevel);
            if (root.TryGetProperty("version", out var version) && (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != 1))
            {
                Error("NTK-LINK-012", $"unsupported configuration version `{version.GetRawText()}`", "set `\"version\": 1`", "/version");
            }

            if (root.TryGetProperty("lists", out var lists) && Expect(lists, JsonValueKind.Object, "/lists", "an object of domain lists"))
            {
                foreach (var list in lists.EnumerateObject())
                {
                    var pointer = "/lists/" + Escape(list.Name);
                    if (list.Name == "business")
                    {
                        Error("NTK-LINK-013", "the list `business` is reserved: it holds the business domains of the app a link comes from",
                            "rename the list; rules may still name `business`", pointer);
                        continue;
                    }

                    var domains = Strings(list.Value, pointer, "an array of domain names");
                    for (var i = 0; i < domains.Count; i++)
                    {
                        if (!BusinessDomains.IsValidDomain(domains[i]))
                        {
                            Error("NTK-LINK-004", $"`{domains[i]}` is not a domain name", "write the host only, e.g. `example.com`: no scheme, path, port or `*`", pointer + "/" + i);
                        }
                    }

                    config.Lists[list.Name] = new DomainSet(domains);
                }
            }

            if (root.TryGetProperty("patterns", out var patterns) && Expect(patterns, JsonValueKind.Object, "/patterns", "an object"))
            {
                UnknownProperties(patterns, "/patterns", PatternNames);
                if (patterns.TryGetProperty("shareForReward", out var share))
                {
                    config.ShareForRewardPhrases = [.. Strings(share, "/patterns/shareForReward", "an array of phrases")];
                }

                if (patterns.TryGetProperty("appPackageExtensions", out var ext))
                {
                    config.AppPackageExtensions = [.. Strings(ext, "/patterns/appPackageExtensions", "an array of file extensions")];
                }

                if (patterns.TryGetProperty("appSchemes", out var schemes))
                {
                    foreach (var s in Strings(schemes, "/patterns/appSchemes", "an array of URL schemes"))
                    {
                        config.AppSchemes.Add(s.TrimEnd(':'));
                    }
                }
            }

            if (root.TryGetProperty("defaults", out var defaults) && Expect(defaults, JsonValueKind.Object, "/defaults", "an object of context to decision"))
            {
                foreach (var d in defaults.EnumerateObject())
                {
                    var pointer = "/defaults/" + Escape(d.Name);
                    var context = Context(d.Name, pointer);
                    var decision = Decision(d.Value, pointer);
                    if (context is { } c && decision is { } k)
                    {
                        config.Defaults[(int)c] = k;
                    }
                }
            }

            if (root.TryGetProperty("rules", out var rules) && Expect(rules, JsonValueKind.Array, "/rules", "an array of rules"))
            {
                var compiled = new List<LinkRule>();
                var ids = new HashSet<string>(StringComparer.Ordinal);
                var index = 0;
                foreach (var rule in rules.EnumerateArray())
                {
                    var compiledRule = Rule(rule, "/rules/" + index, config, ids);
                    if (compiledRule is not null)
                    {
                        compiled.Add(compiledRule);
                    }

                    index++;
                }

                config.Rules = [.. compiled];
            }
        }

        private LinkRule? Rule(JsonElement rule, string pointer, LinkPolicyConfig config, HashSet<string> ids)
        {
            if (!Expect(rule, JsonValueKind.Object, pointer, "a rule object"))
            {
                return null;
            }

            UnknownProperties(rule, pointer, RuleProperties);
            string? id = null;
            if (!rule.TryGetProperty("id", out var idElement))
            {
                Error("NTK-LINK-009", "the rule has no `id`", "give every rule a unique `id`, e.g. `\"id\": \"rivals\"`", pointer);
            }
            else if (Expect(idElement, JsonValueKind.String, pointer + "/id", "a string"))
            {
                id = idElement.GetString()!;
                if (!ids.Add(id))
                {
                    Error("NTK-LINK-008", $"duplicate rule id `{id}`", "give every rule a unique `id`", pointer + "/id");
                }
            }

            var hasList = rule.TryGetProperty("list", out var listElement);
            var hasCategory = rule.TryGetProperty("category", out var categoryElement);
            if (hasList == hasCategory)
            {
                Error("NTK-LINK-009", "the rule needs exactly one of `list` and `category`", "match a domain list with `list` or a built-in category with `category`", pointer);
                return null;
            }

            RuleMatchKind kind;
            string? listName = null;
            DomainSet? list = null;
            var category = default(LinkCategory);
            var reason = LinkReason.ListMatch;

            // A bad list or category does not stop the checks: every problem of the rule is reported in one run.
            var matchBroken = false;
            if (hasList)
            {
                kind = RuleMatchKind.List;
                listName = Expect(listElement, JsonValueKind.String, pointer + "/list", "a list name") ? listElement.GetString()! : null;
                if (listName is not null && listName != "business" && !config.Lists.TryGetValue(listName, out list))
                {
                    var known = config.Lists.Keys.Append("business");
                    var suggestion = FuzzyMatch.Closest(listName, known);
                    Error("NTK-LINK-005", $"unknown list `{listName}`", suggestion is null ? "define it under `lists`" : $"did you mean `{suggestion}`?", pointer + "/list");
                    matchBroken = true;
                }

                matchBroken |= listName is null;
                reason = listName is not null && ListReasons.TryGetValue(listName, out var r) ? r : LinkReason.ListMatch;
            }
            else
            {
                kind = RuleMatchKind.Category;
                var name = Expect(categoryElement, JsonValueKind.String, pointer + "/category", "a category name") ? categoryElement.GetString()! : null;
                if (name is null)
                {
                    matchBroken = true;
                }
                else if (Categories.TryGetValue(name, out var c))
                {
                    (category, reason) = c;
                }
                else
                {
                    var suggestion = FuzzyMatch.Closest(name, Categories.Keys);
                    Error("NTK-LINK-006", $"unknown category `{name}`", suggestion is null ? "use one of " + string.Join(", ", Categories.Keys) : $"did you mean `{suggestion}`?", pointer + "/category");
                    matchBroken = true;
                }
            }

            var contexts = new bool[4];
            if (rule.TryGetProperty("contexts", out var ctxElement))
            {
                var names = Strings(ctxElement, pointer + "/contexts", "an array of context names");
                for (var i = 0; i < names.Count; i++)
                {
                    if (Context(names[i], pointer + "/contexts/" + i) is { } c)
                    {
                        contexts[(int)c] = true;
                    }
                }
            }
            else
            {
                Array.Fill(contexts, true);
            }

            if (!rule.TryGetProperty("decision", out var decisionElement))
            {
                Error("NTK-LINK-009", "the rule has no `decision`", "add `\"decision\"`: `openInApp`, `copyToBrowser` or `block`", pointer);
                return null;
            }

            var decision = Decision(decisionElement, pointer + "/decision");
            return id is null || decision is null || matchBroken ? null : new LinkRule(id, "rules/" + id, kind, listName, list, category, contexts, decision.Value, reason);
        }

        private LinkContextKind? Context(string name, string pointer)
        {
            if (ContextNames.TryGetValue(name, out var c))
            {
                return c;
            }

            var suggestion = FuzzyMatch.Closest(name, ContextNames.Keys);
            Error("NTK-LINK-010", $"unknown context `{name}`", suggestion is null ? "use chat, article, share or webview" : $"did you mean `{suggestion}`?", pointer);
            return null;
        }

        private LinkDecisionKind? Decision(JsonElement element, string pointer)
        {
            if (!Expect(element, JsonValueKind.String, pointer, "a decision name"))
            {
                return null;
            }

            var name = element.GetString()!;
            if (Decisions.TryGetValue(name, out var k))
            {
                return k;
            }

            var suggestion = FuzzyMatch.Closest(name, Decisions.Keys);
            Error("NTK-LINK-007", $"unknown decision `{name}`", suggestion is null ? "use openInApp, copyToBrowser or block" : $"did you mean `{suggestion}`?", pointer);
            return null;
        }

        private List<string> Strings(JsonElement element, string pointer, string what)
        {
            var result = new List<string>();
            if (!Expect(element, JsonValueKind.Array, pointer, what))
            {
                return result;
            }

            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (Expect(item, JsonValueKind.String, pointer + "/" + i, "a string"))
                {
                    result.Add(item.GetString()!);
                }

                i++;
            }

            return result;
        }

        private void UnknownProperties(JsonElement obj, string pointer, string[] known)
        {
            foreach (var p in obj.EnumerateObject())
            {
                if (Array.IndexOf(known, p.Name) < 0)
                {
                    var suggestion = FuzzyMatch.Closest(p.Name, known);
                    Error("NTK-LINK-002", $"unknown property `{p.Name}`", suggestion is null ? "remove it" : $"did you mean `{suggestion}`?", pointer + "/" + Escape(p.Name));
                }
            }
        }

        private bool Expect(JsonElement element, JsonValueKind kind, string pointer, string what)
        {
            if (element.ValueKind == kind)
            {
                return true;
            }

            Error("NTK-LINK-003", $"expected {what}, found {Describe(element.ValueKind)}", $"write {what} here", pointer);
            return false;
        }

        private void Error(string code, string message, string help, string pointer)
        {
            var (line, column) = Position(pointer);
            Diagnostics.Add(new Diagnostic(code, DiagnosticSeverity.Error, message, help, new DiagnosticLocation(file, line, column, pointer)));
        }

        private (int Line, int Column) Position(string pointer)
        {
            if (!_offsets.TryGetValue(pointer, out var offset))
            {
                return (0, 0);
            }

            int line = 1, column = 1;
            var text = Encoding.UTF8.GetString(_utf8, 0, offset);
            foreach (var c in text)
            {
                if (c == '\n')
                {
                    line++;
                    column = 1;
                }
                else
                {
                    column++;
                }
            }

            return (line, column);
        }

        // One pass with a reader, recording where each value starts, by JSON pointer (RFC 6901).
        private void IndexPositions()
        {
            var reader = new Utf8JsonReader(_utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 16 });
            var frames = new Stack<(string Pointer, bool IsArray, int Next)>();
            string? property = null;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    property = reader.GetString();
                    continue;
                }

                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    frames.Pop();
                    continue;
                }

                var pointer = "";
                if (frames.Count > 0)
                {
                    var (prefix, isArray, next) = frames.Pop();
                    pointer = isArray ? prefix + "/" + next.ToString(System.Globalization.CultureInfo.InvariantCulture) : prefix + "/" + Escape(property ?? "");
                    frames.Push((prefix, isArray, isArray ? next + 1 : next));
                }

                _offsets.TryAdd(pointer, (int)reader.TokenStartIndex);
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    frames.Push((pointer, reader.TokenType == JsonTokenType.StartArray, 0));
                }
            }
        }

        private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

        private static string Describe(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Null => "null",
            _ => "nothing",
        };

        private static string FirstSentence(string message)
        {
            var cut = message.IndexOf(". ", StringComparison.Ordinal);
            var text = cut > 0 ? message[..cut] : message.TrimEnd('.');
            return char.ToLowerInvariant(text[0]) + text[1..];
        }
    }
}
