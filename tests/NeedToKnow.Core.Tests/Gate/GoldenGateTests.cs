using System.Text.Json;
using NeedToKnow.Core.Consent;
using NeedToKnow.Core.Gate;
using NeedToKnow.Testing;
using Xunit.Abstractions;

namespace NeedToKnow.Core.Tests.Gate;

/// <summary>
/// The gate's golden spec (STYLE.md H1, H13): every fixture in Gate/Fixtures lists requests with the expected
/// decision, reason and deciding check; each case runs through the fast gate and the reference gate.
/// </summary>
public sealed class GoldenGateTests(ITestOutputHelper output)
{
    private static readonly string FixtureDir = RepoPaths.RepoFile("tests", "NeedToKnow.Core.Tests", "Gate", "Fixtures");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(FixtureDir, "*.json").Order(StringComparer.Ordinal))
        {
            // A fixture that cannot be read fails here, loudly (H13: never filtered out).
            var model = Load(file);
            foreach (var c in model.Cases)
            {
                data.Add(Path.GetFileName(file), c.Name);
            }
        }

        return data;
    }

    [Fact]
    public void Every_fixture_is_read_and_has_cases()
    {
        var files = Directory.GetFiles(FixtureDir, "*.json");
        Assert.True(files.Length >= 4, "expected at least 4 gate fixtures, found " + files.Length);
        var total = 0;
        foreach (var file in files)
        {
            var model = Load(file);
            Assert.NotEmpty(model.Cases);
            total += model.Cases.Count;
        }

        output.WriteLine($"gate golden fixtures: {files.Length} files, {total} cases");
        Assert.Equal(total, Cases().Count);
    }

    [Fact]
    public void Every_check_and_every_reason_is_covered()
    {
        var cases = Directory.GetFiles(FixtureDir, "*.json").SelectMany(f => Load(f).Cases).ToList();
        foreach (var check in Enum.GetValues<GateCheck>())
        {
            Assert.Contains(cases, c => c.Expect.DecidedBy == check);
        }

        foreach (var reason in Enum.GetValues<GateReason>())
        {
            Assert.Contains(cases, c => c.Expect.Reason == (int)reason);
        }

        foreach (var detail in Enum.GetValues<GateDetail>())
        {
            Assert.Contains(cases, c => c.Expect.Detail == detail);
        }
    }

    [Fact]
    public void Unknown_fields_are_rejected()
    {
        var json = """{ "apps": [], "cases": [], "surprise": 1 }""";
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<GateModel>(json, GateModel.Json));
        Assert.Contains("surprise", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Fast_gate_matches_the_fixture(string file, string name)
    {
        var model = Load(Path.Combine(FixtureDir, file));
        var c = model.Cases.Single(x => x.Name == name);
        var request = c.ToRequest();
        GateDecision decision;
        if (c.StoreUnavailable)
        {
            var declarations = new InMemoryDeclarationStore { Unavailable = true };
            var consents = new InMemoryConsentEventStore { Unavailable = true };
            await using var service = new GateService(TestRules.Create(), declarations, consents, new InMemoryGateRecordSink(), new GateServiceOptions { Gate = model.GateOptions() });
            await service.StartAsync();
            decision = service.Decide(in request);
            Assert.NotNull(decision.Error);
        }
        else
        {
            var gate = BuildGate(model, c.ViewTime);
            decision = gate.Decide(in request);
        }

        AssertMatches(c.Expect, ReferenceGate.Of(decision), decision.Prompt);
        if (c.Expect.Reason == (int)GateReason.InternalError)
        {
            Assert.False(string.IsNullOrEmpty(decision.Error));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reference_gate_matches_the_fixture(string file, string name)
    {
        var model = Load(Path.Combine(FixtureDir, file));
        var c = model.Cases.Single(x => x.Name == name);
        if (c.StoreUnavailable)
        {
            return; // the reference has no stores; the fast path above covers fail-closed
        }

        var outcome = ReferenceGate.Decide(model, TestRules.Keys, TestRules.Apis, TestRules.Necessary, c.ToRequest(), c.ViewTime);
        AssertMatches(c.Expect, outcome, null);
    }

    internal static PrivacyGate BuildGate(GateModel model, DateTimeOffset consentAsOf)
    {
        var snapshot = DeclarationSnapshot.Build(TestRules.Create(), model.LiveApps());
        var events = model.LedgerEvents();
        var states = events.GroupBy(e => (e.UserId, e.AppId)).Select(g => ConsentProjection.AsOf(g.Key.UserId, g.Key.AppId, g, consentAsOf));
        return new PrivacyGate(snapshot, new ConsentSnapshot(states), model.GateOptions());
    }

    internal static GateModel Load(string file) =>
        JsonSerializer.Deserialize<GateModel>(File.ReadAllText(file), GateModel.Json) ?? throw new InvalidDataException("empty fixture " + file);

    private static void AssertMatches(ModelExpect expect, ReferenceGate.Outcome actual, PromptContent? prompt)
    {
        Assert.NotNull(expect.Decision);
        Assert.NotNull(expect.Reason);
        Assert.NotNull(expect.DecidedBy);
        Assert.Equal(expect.Decision, actual.Kind);
        Assert.Equal(expect.Reason, (int)actual.Reason);
        Assert.Equal(expect.DecidedBy, actual.DecidedBy);
        if (expect.Detail is { } detail)
        {
            Assert.Equal(detail, actual.Detail);
        }

        if (expect.Key is not null)
        {
            Assert.Equal(expect.Key, actual.Key);
        }

        if (expect.Version is { } version)
        {
            Assert.Equal(version, actual.Version);
        }

        if (actual.Kind == DecisionKind.Prompt)
        {
            Assert.NotNull(expect.Prompt);
            Assert.Equal(expect.Prompt.Kind, actual.PromptKind);
            Assert.Equal(expect.Prompt.Purpose, actual.PromptPurpose);
            Assert.Equal(expect.Prompt.Scope, actual.PromptScope);
            Assert.Equal(expect.Prompt.SeparateConsent, actual.PromptSeparate);
            if (prompt is not null)
            {
                Assert.Equal(expect.Prompt.DeveloperName, prompt.DeveloperName);
                Assert.Equal(expect.Prompt.Necessary, prompt.Necessary);
                Assert.Equal(actual.Version, prompt.DeclarationVersion);
            }
        }
        else
        {
            Assert.Null(expect.Prompt);
        }
    }
}
