using System.Text.Json;

namespace NeedToKnow.Review.Sites;

/// <summary>
/// Decides whose code a package file is: the developer's own (<see cref="PrivacySite.FirstParty"/>) or a bundled
/// third-party library (its name). One place for the rule, used for JavaScript, WXML and JSON sites alike.
/// </summary>
/// <remarks>
/// Rules, in order (corpus README, "Party"): a folder below the app root that has its own <c>package.json</c>
/// (a vendored npm build) is that package; <c>miniprogram_npm/&lt;name&gt;</c> (and <c>@scope/name</c>);
/// <c>lib/</c> and <c>libs/</c> folders; well-known vendored component libraries by folder name; well-known SDK
/// file names (qqmap-wx-jssdk, bmap-wx, amap-wx); <c>utils/*sdk*</c>; minified <c>*.min.js</c> files.
/// Before those path rules, an SDK the declaration lists (<c>sdks[].name</c>) claims a folder or file of that name
/// (<c>utils/wxpay/pay.js</c> for <c>wxpay</c>, <c>vendor/@scope/name/x.js</c> for <c>@scope/name</c>,
/// <c>utils/tracker.js</c> for <c>tracker</c>). Everything else is first party.
/// </remarks>
internal sealed class PartyClassifier
{
    /// <summary>A classifier with no vendored package folders: path rules only.</summary>
    public static PartyClassifier Default { get; } = new([]);

    // Folder names of component libraries that are commonly copied into mini-program sources by hand.
    private static readonly string[] KnownVendorFolders =
    [
        "tdesign-miniprogram", "weui-miniprogram", "vant-weapp", "@vant", "towxml", "wxParse", "wxparse",
        "ec-canvas", "TRTCCalling", "TUICalling", "TUIKit", "wux-weapp", "iview-weapp", "lin-ui", "mp-html",
        "painter", "wxcharts",
    ];

    // File-name stems of well-known map and location SDKs.
    private static readonly string[] KnownSdkFiles = ["qqmap-wx-jssdk", "bmap-wx", "amap-wx"];

    private readonly KeyValuePair<string, string>[] _vendoredRoots;

    private readonly string[] _declaredSdks;

    /// <summary>Creates a classifier.</summary>
    /// <param name="vendoredRoots">
    /// Folders relative to the app root (<c>/</c> separators, no trailing slash) that hold a vendored package,
    /// mapped to that package's name; see <see cref="TryReadPackageName"/>.
    /// </param>
    /// <param name="declaredSdks">SDK names the declaration lists, or null.</param>
    public PartyClassifier(IEnumerable<KeyValuePair<string, string>> vendoredRoots, IEnumerable<string>? declaredSdks = null)
    {
        _declaredSdks = [.. (declaredSdks ?? []).Select(static s => s.Trim()).Where(static s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(static s => s.Length)];
        // Longest folder first, so the innermost package wins.
        _vendoredRoots = vendoredRoots
            .Select(static p => new KeyValuePair<string, string>(p.Key.Trim('/') + "/", p.Value))
            .OrderByDescending(static p => p.Key.Length)
            .ToArray();
    }

    /// <summary>
    /// Reads the <c>name</c> of a <c>package.json</c> that is not at the app root; such a folder is a vendored
    /// package build (for example a copy of weui-miniprogram under <c>packageExtend/components/</c>).
    /// </summary>
    /// <param name="json">The text of the package.json.</param>
    /// <param name="name">The package name, when there is one.</param>
    /// <returns>Whether a non-empty string <c>name</c> was found.</returns>
    public static bool TryReadPackageName(string json, out string name)
    {
        name = "";
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("name", out var n)
                && n.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(n.GetString()))
            {
                name = n.GetString()!;
                return true;
            }
        }
        catch (JsonException)
        {
            // Not JSON: not a package marker.
        }

        return false;
    }

    /// <summary>Classifies one file.</summary>
    /// <param name="file">Path relative to the app root, <c>/</c> separators.</param>
    /// <returns><see cref="PrivacySite.FirstParty"/> or the library's name.</returns>
    public string Classify(string file)
    {
        var path = file.Replace('\\', '/').TrimStart('/');
        foreach (var root in _vendoredRoots)
        {
            if (path.StartsWith(root.Key, StringComparison.Ordinal))
            {
                return root.Value;
            }
        }

        var parts = path.Split('/');
        var last = parts.Length - 1;
        if (DeclaredSdk(parts) is { } declared)
        {
            return declared;
        }

        for (var i = 0; i < last; i++)
        {
            var part = parts[i];
            if (part == "miniprogram_npm")
            {
                var name = parts[i + 1];
                if (name.StartsWith('@') && i + 2 < last)
                {
                    return name + "/" + parts[i + 2];
                }

                return i + 1 == last ? Stem(name) : name;
            }

            if (part is "lib" or "libs")
            {
                return i + 1 == last ? Stem(parts[i + 1]) : parts[i + 1];
            }

            foreach (var vendor in KnownVendorFolders)
            {
                if (string.Equals(part, vendor, StringComparison.OrdinalIgnoreCase))
                {
                    return vendor == "@vant" && i + 1 < last ? vendor + "/" + parts[i + 1] : vendor;
                }
            }
        }

        var fileName = parts[last];
        var stem = Stem(fileName);
        foreach (var sdk in KnownSdkFiles)
        {
            if (fileName.Contains(sdk, StringComparison.OrdinalIgnoreCase))
            {
                return sdk;
            }
        }

        if (last > 0 && parts[last - 1] == "utils" && stem.Contains("sdk", StringComparison.OrdinalIgnoreCase))
        {
            return stem;
        }

        if (fileName.EndsWith(".min.js", StringComparison.OrdinalIgnoreCase))
        {
            return stem;
        }

        return PrivacySite.FirstParty;
    }

    // A declared SDK name equal to a folder (or two folders, for @scope/name) or to the file's stem.
    private string? DeclaredSdk(string[] parts)
    {
        foreach (var sdk in _declaredSdks)
        {
            var names = sdk.Split('/');
            for (var i = 0; i + names.Length <= parts.Length; i++)
            {
                var match = true;
                for (var j = 0; j < names.Length && match; j++)
                {
                    var part = i + j == parts.Length - 1 ? Stem(parts[i + j]) : parts[i + j];
                    match = string.Equals(part, names[j], StringComparison.OrdinalIgnoreCase);
                }

                if (match)
                {
                    return sdk;
                }
            }
        }

        return null;
    }

    // "fundebug.0.5.0.min.js" -> "fundebug"; "qqmap-wx-jssdk.js" -> "qqmap-wx-jssdk".
    private static string Stem(string fileName)
    {
        var dot = fileName.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? fileName[..dot] : fileName;
    }
}
