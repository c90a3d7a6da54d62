using System.Text.Json;

namespace NeedToKnow.Review.Json;

/// <summary>
/// What the reviewer reads from <c>app.json</c>: pages, subpackages, <c>requiredPrivateInfos</c>, <c>permission</c>
/// scope descriptions, <c>__usePrivacyCheck__</c>, plugins and <c>usingComponents</c>
/// (https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html).
/// </summary>
internal sealed class AppConfig
{
    public List<string> Pages { get; } = [];

    /// <summary>Subpackage roots (no trailing slash) with their pages, from <c>subpackages</c> or <c>subPackages</c>.</summary>
    public List<(string Root, List<string> Pages)> Subpackages { get; } = [];

    /// <summary>The names in <c>requiredPrivateInfos</c> as written, with their index.</summary>
    public List<string> RequiredPrivateInfos { get; } = [];

    /// <summary>Whether <c>requiredPrivateInfos</c> is present at all.</summary>
    public bool HasRequiredPrivateInfos { get; set; }

    /// <summary><c>permission</c>: scope id to its <c>desc</c> (null when the entry has no string desc).</summary>
    public SortedDictionary<string, string?> Permission { get; } = new(StringComparer.Ordinal);

    /// <summary><c>__usePrivacyCheck__</c>, or null when absent.</summary>
    public bool? UsePrivacyCheck { get; set; }

    /// <summary>Plugins of the main package and subpackages: alias to provider appid (empty when not a string) and the JSON pointer of the entry in app.json.</summary>
    public SortedDictionary<string, (string Provider, string Pointer)> Plugins { get; } = new(StringComparer.Ordinal);

    /// <summary>Global <c>usingComponents</c>: tag to path.</summary>
    public SortedDictionary<string, string> UsingComponents { get; } = new(StringComparer.Ordinal);

    /// <summary>Positions of values by JSON pointer, or null when the text did not parse.</summary>
    public JsonLocator? Locator { get; set; }

    /// <summary>The first page of the main package (the launch page), or null.</summary>
    public string? EntryPage { get; set; }

    /// <summary>Reads app.json; throws <see cref="JsonException"/> when it is not JSON or nested deeper than <paramref name="maxDepth"/>.</summary>
    public static AppConfig Parse(string text, int maxDepth)
    {
        var config = new AppConfig();
        using var doc = JsonDocument.Parse(text, Options(maxDepth));
        config.Locator = JsonLocator.Create(text, maxDepth);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return config;
        }

        Strings(root, "pages", config.Pages);
        config.EntryPage = root.TryGetProperty("entryPagePath", out var entry) && entry.ValueKind == JsonValueKind.String
            ? entry.GetString()
            : config.Pages.FirstOrDefault();
        foreach (var name in new[] { "subpackages", "subPackages" })
        {
            if (root.TryGetProperty(name, out var subs) && subs.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var sub in subs.EnumerateArray())
                {
                    if (sub.ValueKind == JsonValueKind.Object && sub.TryGetProperty("root", out var r) && r.ValueKind == JsonValueKind.String)
                    {
                        var pages = new List<string>();
                        Strings(sub, "pages", pages);
                        config.Subpackages.Add((r.GetString()!.Trim('/'), pages));
                        ReadPlugins(sub, "/" + name + "/" + index, config.Plugins);
                    }

                    index++;
                }
            }
        }

        if (root.TryGetProperty("requiredPrivateInfos", out var rpi))
        {
            config.HasRequiredPrivateInfos = true;
            if (rpi.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in rpi.EnumerateArray())
                {
                    config.RequiredPrivateInfos.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : "");
                }
            }
        }

        if (root.TryGetProperty("permission", out var permission) && permission.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in permission.EnumerateObject())
            {
                string? desc = null;
                if (p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("desc", out var d) && d.ValueKind == JsonValueKind.String)
                {
                    desc = d.GetString();
                }

                config.Permission[p.Name] = string.IsNullOrWhiteSpace(desc) ? null : desc;
            }
        }

        if (root.TryGetProperty("__usePrivacyCheck__", out var check) && check.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            config.UsePrivacyCheck = check.GetBoolean();
        }

        ReadPlugins(root, "", config.Plugins);
        UsingComponentsOf(root, config.UsingComponents);
        return config;
    }

    /// <summary>The <c>usingComponents</c> of a page or component JSON (tag to path); empty when it does not parse.</summary>
    public static SortedDictionary<string, string> ReadUsingComponents(string text, int maxDepth)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(text, Options(maxDepth));
        if (doc.RootElement.ValueKind == JsonValueKind.Object)
        {
            UsingComponentsOf(doc.RootElement, result);
        }

        return result;
    }

    internal static JsonDocumentOptions Options(int maxDepth) =>
        new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = Math.Max(1, maxDepth) };

    private static void Strings(JsonElement obj, string name, List<string> into)
    {
        if (obj.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    into.Add(item.GetString()!);
                }
            }
        }
    }

    private static void ReadPlugins(JsonElement obj, string pointer, SortedDictionary<string, (string Provider, string Pointer)> into)
    {
        if (obj.TryGetProperty("plugins", out var plugins) && plugins.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in plugins.EnumerateObject())
            {
                var provider = p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("provider", out var pr) && pr.ValueKind == JsonValueKind.String
                    ? pr.GetString()!
                    : "";
                into.TryAdd(p.Name, (provider, pointer + "/plugins/" + p.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));
            }
        }
    }

    private static void UsingComponentsOf(JsonElement obj, SortedDictionary<string, string> into)
    {
        if (obj.TryGetProperty("usingComponents", out var usingComponents) && usingComponents.ValueKind == JsonValueKind.Object)
        {
            foreach (var c in usingComponents.EnumerateObject())
            {
                if (c.Value.ValueKind == JsonValueKind.String)
                {
                    into.TryAdd(c.Name, c.Value.GetString()!);
                }
            }
        }
    }
}
