using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NeedToKnow.Core.Audit;

/// <summary>
/// The JSON form of a signed tree head, as <c>ntk audit</c> prints and reads it:
/// <c>{"treeSize": 42, "timestamp": 1764400000000, "time": "2025-11-29T07:06:40.000Z", "rootHash": "base64", "signature": "base64"}</c>.
/// <c>time</c> is informative; <c>timestamp</c> (milliseconds since the Unix epoch) is what is signed.
/// </summary>
public static class SignedTreeHeadJson
{
    /// <summary>The largest JSON text accepted, in characters (STYLE.md H10): 4096.</summary>
    public const int MaxLength = 4096;

    /// <summary>Writes <paramref name="head"/> as indented JSON.</summary>
    /// <param name="head">The head.</param>
    /// <returns>JSON text.</returns>
    public static string Serialize(SignedTreeHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("treeSize", head.TreeSize);
            writer.WriteNumber("timestamp", head.Timestamp.ToUnixTimeMilliseconds());
            writer.WriteString("time", head.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            writer.WriteString("rootHash", Convert.ToBase64String(head.RootHash));
            writer.WriteString("signature", Convert.ToBase64String(head.Signature));
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads the JSON form.</summary>
    /// <param name="json">The text.</param>
    /// <param name="head">The head, or null.</param>
    /// <param name="error">Why it could not be read, or null.</param>
    /// <returns>True when read.</returns>
    public static bool TryParse(string json, out SignedTreeHead? head, out string? error)
    {
        head = null;
        if (json.Length > MaxLength)
        {
            error = $"a signed tree head has at most {MaxLength} characters, got {json.Length}";
            return false;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            error = $"not a signed tree head: not valid JSON at line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}";
            return false;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "not a signed tree head: expected a JSON object with `treeSize`, `timestamp`, `rootHash` and `signature`";
                return false;
            }

            if (!TryInt64(root, "treeSize", out var size, out error) || !TryInt64(root, "timestamp", out var ms, out error)
                || !TryBase64(root, "rootHash", out var rootHash, out error) || !TryBase64(root, "signature", out var signature, out error))
            {
                return false;
            }

            if (size < 0 || rootHash.Length != 32 || ms < -62_135_596_800_000 || ms > 253_402_300_799_999)
            {
                error = "a signed tree head needs a `treeSize` of 0 or more, a `timestamp` in Unix milliseconds and a 32-byte `rootHash`";
                return false;
            }

            head = new SignedTreeHead(size, DateTimeOffset.FromUnixTimeMilliseconds(ms), rootHash, signature);
            error = null;
            return true;
        }
    }

    private static bool TryInt64(JsonElement root, string name, out long value, out string? error)
    {
        value = 0;
        if (!root.TryGetProperty(name, out var p))
        {
            error = $"not a signed tree head: `{name}` is missing";
            return false;
        }

        if (p.ValueKind != JsonValueKind.Number || !p.TryGetInt64(out value))
        {
            error = $"not a signed tree head: `{name}` must be a whole number";
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryBase64(JsonElement root, string name, out byte[] value, out string? error)
    {
        value = [];
        if (!root.TryGetProperty(name, out var p))
        {
            error = $"not a signed tree head: `{name}` is missing";
            return false;
        }

        if (p.ValueKind != JsonValueKind.String || !p.TryGetBytesFromBase64(out var bytes))
        {
            error = $"not a signed tree head: `{name}` must be a base64 string";
            return false;
        }

        value = bytes;
        error = null;
        return true;
    }
}
