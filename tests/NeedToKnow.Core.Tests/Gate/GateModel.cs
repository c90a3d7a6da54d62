using System.Text.Json;
using System.Text.Json.Serialization;
using NeedToKnow.Core.Consent;
using NeedToKnow.Core.Gate;

namespace NeedToKnow.Core.Tests.Gate;

/// <summary>The plain model of a gate scenario: apps with their declaration versions, consent events, requests. Golden fixtures are this model as JSON.</summary>
internal sealed record GateModel
{
    public string? Description { get; init; }
    public ModelOptions? Options { get; init; }
    public required List<ModelApp> Apps { get; init; }
    public List<ModelEvent> Events { get; init; } = [];
    public List<ModelCase> Cases { get; init; } = [];

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public GateOptions GateOptions() => new()
    {
        DeclarationRefusalCooldown = TimeSpan.FromSeconds(Options?.DeclarationRefusalCooldownSeconds ?? 10),
        OptionalRefusalCooldown = TimeSpan.FromHours(Options?.OptionalRefusalCooldownHours ?? 48),
        ScopeRefusalCooldown = Options?.ScopeRefusalCooldownSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
    };

    public IEnumerable<LiveAppDeclaration> LiveApps() => Apps.Select(a => new LiveAppDeclaration(a.Record(), a.LiveVersion()));

    public DeclarationVersion? Version(string app, int version) =>
        Apps.FirstOrDefault(a => a.Id == app)?.Versions.FirstOrDefault(v => v.Version == version)?.ToVersion(app);

    /// <summary>The ledger events, with purpose fingerprints taken from the version each event names, and sequences 1..n.</summary>
    public List<ConsentEvent> LedgerEvents()
    {
        var result = new List<ConsentEvent>();
        for (var i = 0; i < Events.Count; i++)
        {
            result.Add(Events[i].ToEvent(this, i + 1));
        }

        return result;
    }
}

internal sealed record ModelOptions
{
    public double? DeclarationRefusalCooldownSeconds { get; init; }
    public double? OptionalRefusalCooldownHours { get; init; }
    public double? ScopeRefusalCooldownSeconds { get; init; }
}

internal sealed record ModelApp
{
    public required string Id { get; init; }
    public AppStatus Status { get; init; }
    public int? Live { get; init; }
    public required ModelDeveloper Developer { get; init; }
    public List<string> Admissions { get; init; } = [];
    public List<string> BannedKeys { get; init; } = [];
    public List<ModelVersion> Versions { get; init; } = [];

    public AppRecord Record() => new(Id, Status, Live, new DeveloperInfo(Developer.Name, Developer.EntityType, Developer.Verified), Admissions, BannedKeys);

    public DeclarationVersion? LiveVersion() => Live is { } v ? Versions.First(x => x.Version == v).ToVersion(Id) : null;
}

internal sealed record ModelDeveloper(string Name, string EntityType, bool Verified);

internal sealed record ModelVersion
{
    public int Version { get; init; }
    public string? ServiceCategory { get; init; }
    public List<ModelItem> Items { get; init; } = [];

    public DeclarationVersion ToVersion(string app) =>
        new(app, Version, [.. Items.Select(i => new DeclaredItem(i.Key, i.Purpose, i.Necessary))], ServiceCategory, DateTimeOffset.UnixEpoch);
}

internal sealed record ModelItem(string Key, string Purpose, bool Necessary);

internal sealed record ModelEvent
{
    public ConsentEventKind Kind { get; init; }
    public required string User { get; init; }
    public required string App { get; init; }
    public DateTimeOffset Time { get; init; }
    public int Version { get; init; }
    public List<string> Keys { get; init; } = [];
    public string? Scope { get; init; }
    public ConsentMethod Method { get; init; } = ConsentMethod.PrivacyPopup;

    public ConsentEvent ToEvent(GateModel model, long sequence)
    {
        var version = Version == 0 ? null : model.Version(App, Version) ?? throw new InvalidDataException("event names unknown version " + Version + " of app " + App);
        var items = Keys.Select(k => new ConsentItem(k, PurposeHash.Of(version?.Items.FirstOrDefault(i => i.Key == k)?.Purpose ?? "(undeclared " + k + ")"))).ToList();
        var id = new Guid((int)sequence, 0, 0, new byte[8]);
        return new ConsentEvent(id, Kind, User, App, Time, Version, items, Scope, Method, sequence);
    }
}

internal sealed record ModelCase
{
    public required string Name { get; init; }

    /// <summary>The request; null means <c>default(GateRequest)</c>, a malformed request that must fail closed.</summary>
    public ModelRequest? Request { get; init; }

    /// <summary>When set, the consent view is the ledger as of this time instead of as of the request time.</summary>
    public DateTimeOffset? ConsentAsOf { get; init; }

    /// <summary>When true, the case runs through a <see cref="GateService"/> whose stores are unavailable.</summary>
    public bool StoreUnavailable { get; init; }

    public required ModelExpect Expect { get; init; }

    public GateRequest ToRequest() => Request is null ? default : new GateRequest(Request.App, Request.User, Request.Target, Request.Gesture, Request.Time);

    public DateTimeOffset ViewTime => ConsentAsOf ?? Request?.Time ?? DateTimeOffset.MaxValue;
}

internal sealed record ModelRequest(string App, string User, string Target, bool Gesture, DateTimeOffset Time);

internal sealed record ModelExpect
{
    public required DecisionKind? Decision { get; init; }
    public required int? Reason { get; init; }
    public required GateCheck? DecidedBy { get; init; }
    public GateDetail? Detail { get; init; }
    public string? Key { get; init; }
    public int? Version { get; init; }
    public ModelPrompt? Prompt { get; init; }
}

internal sealed record ModelPrompt(PromptKind Kind, string Purpose, string DeveloperName, string? Scope, bool SeparateConsent, bool Necessary);
