using NeedToKnow.Core.Consent;

namespace NeedToKnow.Core.Tests.Consent;

/// <summary>The state's packed answers (keys then scopes, 32 bytes each) give back exactly what was put in.</summary>
public sealed class ConsentStateTests
{
    [Fact]
    public void Packed_answers_round_trip_with_their_offsets_and_are_found_in_place()
    {
        var east = new DateTimeOffset(2026, 7, 12, 18, 30, 5, TimeSpan.FromHours(8)).AddTicks(1234567);
        var west = new DateTimeOffset(2026, 7, 1, 1, 0, 0, TimeSpan.FromMinutes(-570));
        KeyConsent[] keys =
        [
            new("Location", ConsentStatus.Granted, PurposeHash.Of("to show stores near you"), true, 3, east),
            new("Album", ConsentStatus.Withdrawn, new PurposeHash(ulong.MaxValue), false, int.MaxValue, west),
            new("Custom.Key", ConsentStatus.Refused, default, false, 0, default),
        ];
        ScopeConsent[] scopes = [new("scope.userLocation", ConsentStatus.Granted, west), new("scope.record", ConsentStatus.Refused, east)];
        var state = new ConsentState("u1", "wxpack", keys, scopes, 42);

        Assert.Equal(keys, state.Keys);
        Assert.Equal(scopes, state.Scopes);
        Assert.Equal([east.Offset, west.Offset, TimeSpan.Zero], state.Keys.Select(k => k.Time.Offset));
        Assert.Equal([east.Ticks, west.Ticks, 0L], state.Keys.Select(k => k.Time.Ticks));
        Assert.Equal([west.Offset, east.Offset], state.Scopes.Select(s => s.Time.Offset));
        Assert.False(state.IsEmpty);
        Assert.Equal(42L, state.LastSequence);

        Assert.True(state.TryGetKey(new string("Album"), out var album));
        Assert.Equal(keys[1], album);
        Assert.True(state.TryGetScope("scope.record", out var record));
        Assert.Equal(scopes[1], record);
        Assert.False(state.TryGetKey("scope.record", out _)); // a scope is not a key
        Assert.False(state.TryGetScope("Location", out _)); // nor a key a scope
        Assert.True(state.TryGetKeyAnswer("Location", out var location));
        Assert.Equal((east.UtcTicks, keys[0].Purpose.Value, true, ConsentStatus.Granted), (location.UtcTicks, location.Purpose, location.Separate, location.Status));

        // The lists are copies: changing one does not change the state.
        var copy = (KeyConsent[])state.Keys;
        copy[0] = keys[2];
        Assert.Equal(keys, state.Keys);
    }

    [Fact]
    public void An_empty_state_has_no_answers_and_keys_only_or_scopes_only_states_keep_them_apart()
    {
        var empty = ConsentState.Empty("u1", "wxpack");
        Assert.True(empty.IsEmpty);
        Assert.Empty(empty.Keys);
        Assert.Empty(empty.Scopes);
        Assert.False(empty.TryGetKey("Location", out _));

        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var keysOnly = new ConsentState("u1", "wxpack", [new KeyConsent("Location", ConsentStatus.Granted, default, false, 1, t)], [], 1);
        var scopesOnly = new ConsentState("u1", "wxpack", [], [new ScopeConsent("scope.userLocation", ConsentStatus.Granted, t)], 1);
        Assert.Equal((1, 0), (keysOnly.Keys.Count, keysOnly.Scopes.Count));
        Assert.Equal((0, 1), (scopesOnly.Keys.Count, scopesOnly.Scopes.Count));
        Assert.False(scopesOnly.TryGetKey("scope.userLocation", out _));
        Assert.True(scopesOnly.TryGetScope("scope.userLocation", out _));
    }
}
