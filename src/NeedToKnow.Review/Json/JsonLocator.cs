using System.Text;
using System.Text.Json;
using NeedToKnow.Review.Text;

namespace NeedToKnow.Review.Json;

/// <summary>
/// Records the position of every property and array element of a JSON text by its RFC 6901 pointer, so that
/// findings about app.json point at the line and column of the value they concern.
/// </summary>
internal sealed class JsonLocator
{
    private readonly Dictionary<string, int> offsets = new(StringComparer.Ordinal);
    private readonly LineMap lines;

    private JsonLocator(string text)
    {
        lines = new LineMap(text);
    }

    /// <summary>Reads <paramref name="text"/>; null when it is not JSON.</summary>
    public static JsonLocator? Create(string text, int maxDepth)
    {
        var locator = new JsonLocator(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = maxDepth });
        var path = new List<string>();
        var arrayIndex = new List<int>();
        var pendingName = (string?)null;
        var charOffset = 0;
        var byteOffset = 0;
        try
        {
            while (reader.Read())
            {
                var start = (int)reader.TokenStartIndex;
                charOffset += Encoding.UTF8.GetCharCount(bytes, byteOffset, start - byteOffset);
                byteOffset = start;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingName = reader.GetString();
                        locator.offsets.TryAdd(Pointer(path, pendingName!), charOffset);
                        continue;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        var segment = Segment(path, arrayIndex, ref pendingName);
                        if (segment is not null)
                        {
                            path.Add(segment);
                        }
                        else if (path.Count > 0 || arrayIndex.Count > 0)
                        {
                            path.Add("");
                        }

                        arrayIndex.Add(reader.TokenType == JsonTokenType.StartArray ? 0 : -1);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        arrayIndex.RemoveAt(arrayIndex.Count - 1);
                        if (path.Count > 0 && arrayIndex.Count > 0)
                        {
                            path.RemoveAt(path.Count - 1);
                        }

                        break;
                    default:
                        var name = Segment(path, arrayIndex, ref pendingName);
                        if (name is not null)
                        {
                            locator.offsets.TryAdd(Pointer(path, name), charOffset);
                        }

                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return locator;
    }

    /// <summary>1-based line and column of the property name (or array element) at <paramref name="pointer"/>, or (0, 0).</summary>
    public (int Line, int Column) Find(string pointer) =>
        offsets.TryGetValue(pointer, out var offset) ? lines.Position(offset) : (0, 0);

    private static string? Segment(List<string> path, List<int> arrayIndex, ref string? pendingName)
    {
        if (pendingName is not null)
        {
            var name = pendingName;
            pendingName = null;
            return name;
        }

        if (arrayIndex.Count > 0 && arrayIndex[^1] >= 0)
        {
            var index = arrayIndex[^1]++;
            return index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return null;
    }

    private static string Pointer(List<string> path, string last)
    {
        var sb = new StringBuilder();
        foreach (var part in path)
        {
            sb.Append('/').Append(Escape(part));
        }

        return sb.Append('/').Append(Escape(last)).ToString();
    }

    private static string Escape(string s) => s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
