using System.Buffers;
using System.Text.Json;

namespace NeedToKnow.Server.Endpoints;

/// <summary>
/// Reads the body of <c>POST /v1/gate/decide</c> with a <see cref="Utf8JsonReader"/>: <c>appId</c>, <c>userId</c>,
/// <c>target</c>, <c>userGesture</c> and <c>time</c>, names matched case-insensitively as the framework's web defaults
/// do, other properties skipped. No model binding and no intermediate document.
/// </summary>
internal static class DecideBody
{
    /// <summary>Parses <paramref name="body"/>; returns null, or what is wrong with it (with the byte offset).</summary>
    public static string? TryParse(in ReadOnlySequence<byte> body, out GateEndpoints.DecideRequest request)
    {
        request = null!;
        string? appId = null, userId = null, target = null;
        var gesture = false;
        DateTimeOffset? time = null;
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
        var seen = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return "the body must be a JSON object";
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = Name(ref reader);
                if (!reader.Read())
                {
                    return "the body ends inside a property";
                }

                if (name != Field.Other && (seen & (1 << (int)name)) != 0)
                {
                    return "`" + Names[(int)name] + "` appears twice in the body";
                }

                seen |= 1 << (int)name;
                switch (name)
                {
                    case Field.AppId:
                        appId = Text(ref reader, "appId");
                        break;
                    case Field.UserId:
                        userId = Text(ref reader, "userId");
                        break;
                    case Field.Target:
                        target = Text(ref reader, "target");
                        break;
                    case Field.UserGesture:
                        gesture = reader.TokenType switch
                        {
                            JsonTokenType.True => true,
                            JsonTokenType.False or JsonTokenType.Null => false,
                            _ => throw new FormatException("`userGesture` must be true or false"),
                        };
                        break;
                    case Field.Time:
                        time = reader.TokenType == JsonTokenType.Null ? null
                            : reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var t) ? t
                            : throw new FormatException("`time` must be an ISO 8601 date and time");
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return "the body must be one JSON object";
            }
        }
        catch (JsonException e)
        {
            var what = e.Message.Contains("maximum configured depth", StringComparison.Ordinal) ? "nests objects or arrays too deeply" : "is not valid JSON";
            return "the body " + what + " (at byte " + e.BytePositionInLine + " of line " + (e.LineNumber + 1) + ")";
        }
        catch (FormatException e)
        {
            return e.Message;
        }
        catch (InvalidOperationException)
        {
            return "the body has a value of the wrong type";
        }

        request = new GateEndpoints.DecideRequest(appId, userId, target, gesture, time);
        return null;
    }

    private static readonly string[] Names = ["", "appId", "userId", "target", "userGesture", "time"];

    private enum Field
    {
        Other,
        AppId,
        UserId,
        Target,
        UserGesture,
        Time,
    }

    private static Field Name(ref Utf8JsonReader reader)
    {
        // The usual spellings first, without decoding; anything else (escapes, other cases) through a string.
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var raw = reader.ValueSpan;
            if (raw.SequenceEqual("appId"u8)) return Field.AppId;
            if (raw.SequenceEqual("userId"u8)) return Field.UserId;
            if (raw.SequenceEqual("target"u8)) return Field.Target;
            if (raw.SequenceEqual("userGesture"u8)) return Field.UserGesture;
            if (raw.SequenceEqual("time"u8)) return Field.Time;
        }

        var name = reader.GetString();
        return name?.ToLowerInvariant() switch
        {
            "appid" => Field.AppId,
            "userid" => Field.UserId,
            "target" => Field.Target,
            "usergesture" => Field.UserGesture,
            "time" => Field.Time,
            _ => Field.Other,
        };
    }

    private static string? Text(ref Utf8JsonReader reader, string name) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw new FormatException("`" + name + "` must be a string"),
    };
}
