using System.Text.Json;
using System.Text.Json.Serialization;
using NeedToKnow.Core.Consent;

namespace NeedToKnow.Storage.Consent;

/// <summary>
/// The JSON columns of the consent tables: <c>consent_events.items</c> <c>[{"k":"Location","p":"0123456789abcdef"}]</c>,
/// <c>consent_state.keys</c> <c>[{"k","s","p","x","v","t"}]</c> and <c>consent_state.scopes</c> <c>[{"s","st","t"}]</c>
/// (status as its number, time as unix 100 ns ticks).
/// </summary>
internal static class ConsentJson
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public static string Items(IReadOnlyList<ConsentItem> items)
    {
        var dto = new ItemDto[items.Count];
        for (var i = 0; i < dto.Length; i++)
        {
            dto[i] = new ItemDto(items[i].Key, items[i].Purpose.ToString());
        }

        return JsonSerializer.Serialize(dto, Options);
    }

    public static ConsentItem[] ParseItems(string json)
    {
        var dto = JsonSerializer.Deserialize<ItemDto[]>(json, Options) ?? [];
        var items = new ConsentItem[dto.Length];
        for (var i = 0; i < dto.Length; i++)
        {
            items[i] = new ConsentItem(dto[i].k, PurposeHash.Parse(dto[i].p));
        }

        return items;
    }

    public static string Keys(IReadOnlyList<KeyConsent> keys)
    {
        var dto = new KeyDto[keys.Count];
        for (var i = 0; i < dto.Length; i++)
        {
            var k = keys[i];
            dto[i] = new KeyDto(k.Key, (int)k.Status, k.Purpose.ToString(), k.Separate, k.DeclarationVersion, Database.Sql.ToTicks(k.Time));
        }

        return JsonSerializer.Serialize(dto, Options);
    }

    public static KeyConsent[] ParseKeys(string json)
    {
        var dto = JsonSerializer.Deserialize<KeyDto[]>(json, Options) ?? [];
        var keys = new KeyConsent[dto.Length];
        for (var i = 0; i < dto.Length; i++)
        {
            var d = dto[i];
            keys[i] = new KeyConsent(d.k, (ConsentStatus)d.s, PurposeHash.Parse(d.p), d.x, d.v, Database.Sql.FromTicks(d.t));
        }

        return keys;
    }

    public static string Scopes(IReadOnlyList<ScopeConsent> scopes)
    {
        var dto = new ScopeDto[scopes.Count];
        for (var i = 0; i < dto.Length; i++)
        {
            dto[i] = new ScopeDto(scopes[i].Scope, (int)scopes[i].Status, Database.Sql.ToTicks(scopes[i].Time));
        }

        return JsonSerializer.Serialize(dto, Options);
    }

    public static ScopeConsent[] ParseScopes(string json)
    {
        var dto = JsonSerializer.Deserialize<ScopeDto[]>(json, Options) ?? [];
        var scopes = new ScopeConsent[dto.Length];
        for (var i = 0; i < dto.Length; i++)
        {
            scopes[i] = new ScopeConsent(dto[i].s, (ConsentStatus)dto[i].st, Database.Sql.FromTicks(dto[i].t));
        }

        return scopes;
    }

#pragma warning disable IDE1006, SA1300 // short lowercase JSON member names keep the stored rows small
    private sealed record ItemDto(string k, string p);

    private sealed record KeyDto(string k, int s, string p, bool x, int v, long t);

    private sealed record ScopeDto(string s, int st, long t);
#pragma warning restore IDE1006, SA1300
}
