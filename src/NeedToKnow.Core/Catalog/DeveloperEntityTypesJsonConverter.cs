using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeedToKnow.Core.Catalog;

/// <summary>
/// Writes <see cref="DeveloperEntityTypes"/> the way catalog files spell it, as an array of lowercase names
/// (<c>["organisation","government"]</c>), so that printed catalog JSON can be loaded again as an override.
/// </summary>
internal sealed class DeveloperEntityTypesJsonConverter : JsonConverter<DeveloperEntityTypes>
{
    private static readonly (DeveloperEntityTypes Flag, string Name)[] Names =
    [
        (DeveloperEntityTypes.Organisation, "organisation"),
        (DeveloperEntityTypes.Individual, "individual"),
        (DeveloperEntityTypes.Government, "government"),
    ];

    public override DeveloperEntityTypes Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("allowedEntities must be an array of organisation, individual or government");
        }

        var value = DeveloperEntityTypes.None;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            var match = Array.FindIndex(Names, n => n.Name == name);
            value |= match >= 0 ? Names[match].Flag : throw new JsonException("unknown developer entity `" + name + "`");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DeveloperEntityTypes value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var (flag, name) in Names)
        {
            if ((value & flag) != 0)
            {
                writer.WriteStringValue(name);
            }
        }

        writer.WriteEndArray();
    }
}
