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

        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var size = root.GetProperty("treeSize").GetInt64();
            var ms = root.GetProperty("timestamp").GetInt64();
            var rootHash = Convert.FromBase64String(root.GetProperty("rootHash").GetString() ?? string.Empty);
            var signature = Convert.FromBase64String(root.GetProperty("signature").GetString() ?? string.Empty);
            if (size < 0 || rootHash.Length != 32)
            {
                error = "a signed tree head needs a `treeSize` of 0 or more and a 32-byte `rootHash`";
                return false;
            }

            head = new SignedTreeHead(size, DateTimeOffset.FromUnixTimeMilliseconds(ms), rootHash, signature);
            error = null;
            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentOutOfRangeException)
        {
            error = "not a signed tree head: " + e.Message.Split('\n')[0].TrimEnd('.').ToLowerInvariant();
            return false;
        }
    }
}
