using System.Text;
using System.Text.Json;
using NeedToKnow.Core.Diagnostics;
using NeedToKnow.Links.Homographs;

namespace NeedToKnow.Links.Policy;

/// <summary>
/// The operator's link-policy configuration, validated and compiled for fast decisions: named domain lists
/// (<c>platform</c>, <c>external</c>, <c>rivals</c>, <c>knownBad</c>, <c>shorteners</c>, <c>appStores</c> and any
/// others), patterns (share-for-reward phrases, app-package extensions, app deep-link schemes), ordered rules
/// (first match decides) and a default decision per context. The format is documented in docs/links.md and the
/// embedded default is docs/links-policy.example.json.
/// </summary>
/// <remarks>Problems are reported as <see cref="Diagnostic"/>s with codes <c>NTK-LINK-001</c>.. (see docs/links.md), a
/// JSON pointer and line:column. Immutable once built.</remarks>
public sealed partial class LinkPolicyConfig
{
    /// <summary>Largest configuration accepted, in bytes.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    private static readonly Lazy<LinkPolicyConfig> Embedded = new(LoadEmbedded);

    internal Dictionary<string, DomainSet> Lists { get; } = new(StringComparer.Ordinal);

    internal LinkRule[] Rules { get; private set; } = [];

    internal string[] ShareForRewardPhrases { get; private set; } = [];

    internal string[] AppPackageExtensions { get; private set; } = [];

    internal HashSet<string> AppSchemes { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal LinkDecisionKind[] Defaults { get; } = [LinkDecisionKind.CopyToBrowser, LinkDecisionKind.CopyToBrowser, LinkDecisionKind.CopyToBrowser, LinkDecisionKind.Block];

    internal LookalikeDetector Lookalikes { get; private set; } = new([]);

    internal IdnDisplayPolicy Idn { get; private set; } = new(new LookalikeDetector([]));

    internal DomainSet KnownBad => Lists.TryGetValue("knownBad", out var set) ? set : DomainSet.Empty;

    /// <summary>The configuration embedded in NeedToKnow.Links (docs/links-policy.example.json).</summary>
    public static LinkPolicyConfig Default => Embedded.Value;

    /// <summary>Where the configuration came from (a file name, or <c>embedded</c>).</summary>
    public string Source { get; private set; } = "embedded";

    /// <summary>Number of rules.</summary>
    public int RuleCount => Rules.Length;

    /// <summary>Parses and validates a configuration.</summary>
    /// <param name="json">The JSON text (UTF-8 when read from a file), at most <see cref="MaxBytes"/> bytes.</param>
    /// <param name="file">The file name for diagnostics, or null.</param>
    /// <param name="config">The configuration when there is no error.</param>
    /// <returns>Every problem found (errors and warnings); the configuration is built only when none is an error.</returns>
    public static IReadOnlyList<Diagnostic> TryParse(string json, string? file, out LinkPolicyConfig? config)
    {
        ArgumentNullException.ThrowIfNull(json);
        var parser = new Parser(json, file);
        config = parser.Run();
        return parser.Diagnostics;
    }

    private static LinkPolicyConfig LoadEmbedded()
    {
        using var stream = typeof(LinkPolicyConfig).Assembly.GetManifestResourceStream("NeedToKnow.Links.Data.links-policy.json")
            ?? throw new InvalidOperationException("the embedded link policy is missing from NeedToKnow.Links");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var diagnostics = TryParse(reader.ReadToEnd(), "links-policy.example.json", out var config);
        return config ?? throw new InvalidOperationException("the embedded link policy is invalid: " + string.Join("; ", diagnostics));
    }
}
