using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using NeedToKnow.Core.Diagnostics;

namespace NeedToKnow.Core.Declarations;

/// <summary>A JSON value with the place it was read from: 1-based line and column, UTF-16 offset and length, and RFC 6901 pointer.</summary>
internal sealed class JsonNode
{
    public required JsonValueKind Kind { get; init; }

    public required string Pointer { get; init; }

    public required int Line { get; init; }

    public required int Column { get; init; }

    public required int Offset { get; init; }

    public int Length { get; set; }

    /// <summary>The string value, or the number's text.</summary>
    public string? Text { get; init; }

    public List<JsonProperty>? Properties { get; init; }

    public List<JsonNode>? Items { get; init; }

    /// <summary>
    /// The node at RFC 6901 <paramref name="pointer"/> below this one, or the deepest node on the way when the rest
    /// does not exist (a missing member is reported at the object that lacks it).
    /// </summary>
    public JsonNode Locate(string pointer)
    {
        var node = this;
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            var next = node.Items is { } items
                ? int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < items.Count ? items[i] : null
                : node.Get(token);
            if (next is null)
            {
                break;
            }

            node = next;
        }

        return node;
    }

    public JsonNode? Get(string name)
    {
        if (Properties is null)
        {
            return null;
        }

        foreach (var p in Properties)
        {
            if (p.Name == name)
            {
                return p.Value;
            }
        }

        return null;
    }
}

/// <summary>One property of an object, with the position of its name.</summary>
internal sealed record JsonProperty(string Name, JsonNode Value, int Line, int Column, int Offset, int Length);

/// <summary>
/// Reads UTF-8 JSON into <see cref="JsonNode"/>s with positions, using <see cref="Utf8JsonReader"/>. Reports a byte
/// order mark (skipped), comments, duplicate properties and limit breaches as diagnostics instead of exceptions.
/// </summary>
internal sealed class JsonTreeReader
{
    private readonly byte[] _bytes;
    private readonly int _start;
    private readonly string? _file;
    private readonly DeclarationLimits _limits;
    private readonly List<Diagnostic> _diagnostics;
    private readonly List<int> _lineStarts = [0];
    private readonly List<int> _lineStarts16 = [0];

    private JsonTreeReader(byte[] bytes, int start, string? file, DeclarationLimits limits, List<Diagnostic> diagnostics)
    {
        _bytes = bytes;
        _start = start;
        _file = file;
        _limits = limits;
        _diagnostics = diagnostics;
        var utf16 = 0;
        for (var i = start; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if ((b & 0xC0) != 0x80)
            {
                utf16 += b >= 0xF0 ? 2 : 1;
            }

            if (b == (byte)'\n')
            {
                _lineStarts.Add(i + 1 - start);
                _lineStarts16.Add(utf16);
            }
        }
    }

    /// <summary>"utf-16le" or "utf-16be" when <paramref name="body"/> starts with a UTF-16 byte order mark or an ASCII character in UTF-16; else null.</summary>
    private static string? Utf16Encoding(ReadOnlySpan<byte> body) =>
        body.StartsWith([(byte)0xFF, (byte)0xFE]) || (body.Length >= 2 && body[0] is > 0 and < 0x80 && body[1] == 0) ? "utf-16le"
        : body.StartsWith([(byte)0xFE, (byte)0xFF]) || (body.Length >= 2 && body[0] == 0 && body[1] is > 0 and < 0x80) ? "utf-16be"
        : null;

    /// <summary>Reads the document; null when it cannot be read (syntax, encoding or limits), with the reason in <paramref name="diagnostics"/>.</summary>
    public static JsonNode? Read(byte[] bytes, string? file, DeclarationLimits limits, List<Diagnostic> diagnostics)
    {
        if (DeclarationParser.CheckSize(bytes.Length, file, limits) is { } tooLarge)
        {
            diagnostics.Add(tooLarge);
            return null;
        }

        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var tree = new JsonTreeReader(bytes, start, file, limits, diagnostics);
        var body = bytes.AsSpan(start);
        if (Utf16Encoding(body) is { } utf16)
        {
            // Windows editors save "Unicode" as UTF-16; say so instead of reporting its first byte (RFC 8259 §8.1: JSON exchanged is UTF-8).
            tree.Add(DeclarationRules.InvalidUtf8, "declaration is " + utf16 + ", not utf-8", "save the file as utf-8", 0, 1, null);
            return null;
        }

        if (Utf8.ToUtf16(body, new char[body.Length], out var read, out _, replaceInvalidSequences: false) is OperationStatus.InvalidData)
        {
            tree.Add(DeclarationRules.InvalidUtf8, "declaration is not valid utf-8: invalid byte 0x" + body[read].ToString("X2", System.Globalization.CultureInfo.InvariantCulture) + " at byte " + (read + start),
                "save the file as utf-8", read, 1, null);
            return null;
        }

        if (body.Trim(" \t\r\n"u8).IsEmpty)
        {
            tree.Add(DeclarationRules.InvalidJson, "declaration is empty", "write a json object; see docs/declaration.md", 0, 0, "");
            return null;
        }

        var reader = new Utf8JsonReader(body, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Allow,
            AllowTrailingCommas = false,
            MaxDepth = limits.MaxDepth + 2,
        });
        try
        {
            if (!tree.Next(ref reader))
            {
                tree.Add(DeclarationRules.InvalidJson, "declaration is empty", "write a json object; see docs/declaration.md", 0, 0, "");
                return null;
            }

            var root = tree.ReadValue(ref reader, "", 0);
            if (root is null)
            {
                return null;
            }

            if (tree.Next(ref reader))
            {
                tree.Add(DeclarationRules.InvalidJson, "unexpected data after the end of the json value", "remove everything after the closing `}`", (int)reader.TokenStartIndex, 1, null);
                return null;
            }

            return root;
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0);
            var bytePos = (int)(e.BytePositionInLine ?? 0);
            var offset = line < tree._lineStarts.Count ? Math.Min(tree._lineStarts[line] + bytePos, body.Length) : body.Length;
            var truncated = offset >= body.Length || reader.BytesConsumed >= body.Length;
            var message = truncated
                ? "declaration ends too early: the json is truncated"
                : "declaration is not valid json: " + Reason(e.Message);
            tree.Add(DeclarationRules.InvalidJson, message, truncated ? "complete the json: close every string, array and object" : "fix the json syntax at this place", offset, 0, null);
            return null;
        }
    }

    private bool Next(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.Comment)
            {
                return true;
            }

            Add(DeclarationRules.Comment, "comments are not allowed in a declaration", "remove the comment; json has no comments, and other tools will reject the file",
                (int)reader.TokenStartIndex, (int)(reader.BytesConsumed - reader.TokenStartIndex), null, DiagnosticSeverity.Error);
        }

        return false;
    }

    private JsonNode? ReadValue(ref Utf8JsonReader reader, string pointer, int depth)
    {
        var offset = (int)reader.TokenStartIndex;
        var (line, column, offset16) = Position(offset);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                if (depth >= _limits.MaxDepth)
                {
                    Add(DeclarationRules.TooDeep, "json is nested deeper than the limit `MaxDepth` of " + _limits.MaxDepth,
                        "a declaration needs 5 levels; remove the extra nesting", offset, 1, pointer);
                    return null;
                }

                return reader.TokenType == JsonTokenType.StartObject
                    ? ReadObject(ref reader, pointer, depth, line, column, offset16)
                    : ReadArray(ref reader, pointer, depth, line, column, offset16);
            case JsonTokenType.String:
                if (ReadString(ref reader, pointer) is not { } text)
                {
                    return null;
                }

                if (text.Length > _limits.MaxStringLength)
                {
                    Add(DeclarationRules.TooLarge, "string is longer than the limit `MaxStringLength` of " + _limits.MaxStringLength + " characters: it has " + text.Length,
                        "shorten it", offset, 1, pointer);
                }

                return new JsonNode { Kind = JsonValueKind.String, Pointer = pointer, Line = line, Column = column, Offset = offset16, Length = Utf16Length(reader), Text = text };
            case JsonTokenType.Number:
                return new JsonNode { Kind = JsonValueKind.Number, Pointer = pointer, Line = line, Column = column, Offset = offset16, Length = Utf16Length(reader), Text = Encoding.UTF8.GetString(reader.ValueSpan) };
            case JsonTokenType.True:
            case JsonTokenType.False:
                return new JsonNode { Kind = reader.TokenType == JsonTokenType.True ? JsonValueKind.True : JsonValueKind.False, Pointer = pointer, Line = line, Column = column, Offset = offset16, Length = Utf16Length(reader) };
            default:
                return new JsonNode { Kind = JsonValueKind.Null, Pointer = pointer, Line = line, Column = column, Offset = offset16, Length = 4 };
        }
    }

    private JsonNode? ReadObject(ref Utf8JsonReader reader, string pointer, int depth, int line, int column, int offset16)
    {
        var properties = new List<JsonProperty>();
        var node = new JsonNode { Kind = JsonValueKind.Object, Pointer = pointer, Line = line, Column = column, Offset = offset16, Properties = properties };
        var seen = new Dictionary<string, JsonProperty>(StringComparer.Ordinal);
        while (Next(ref reader) && reader.TokenType != JsonTokenType.EndObject)
        {
            if (ReadString(ref reader, pointer) is not { } name)
            {
                return null;
            }

            var nameOffset = (int)reader.TokenStartIndex;
            var (nl, nc, n16) = Position(nameOffset);
            var nameLength = Utf16Length(reader);
            var childPointer = pointer + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
            Next(ref reader);
            var value = ReadValue(ref reader, childPointer, depth + 1);
            if (value is null)
            {
                return null;
            }

            var property = new JsonProperty(name, value, nl, nc, n16, nameLength);
            if (seen.TryGetValue(name, out var first))
            {
                Add(DeclarationRules.DuplicateProperty, "duplicate property `" + name + "`: first defined at line " + first.Line + ", column " + first.Column,
                    "keep one `" + name + "`; json readers disagree on which copy wins", nameOffset, 0, childPointer, DiagnosticSeverity.Error, nameLength);
                continue;
            }

            seen[name] = property;
            properties.Add(property);
        }

        node.Length = 1;
        return node;
    }

    private JsonNode? ReadArray(ref Utf8JsonReader reader, string pointer, int depth, int line, int column, int offset16)
    {
        var items = new List<JsonNode>();
        var node = new JsonNode { Kind = JsonValueKind.Array, Pointer = pointer, Line = line, Column = column, Offset = offset16, Items = items };
        var reported = false;
        while (Next(ref reader) && reader.TokenType != JsonTokenType.EndArray)
        {
            var item = ReadValue(ref reader, pointer + "/" + items.Count, depth + 1);
            if (item is null)
            {
                return null;
            }

            if (items.Count >= _limits.MaxArrayLength)
            {
                if (!reported)
                {
                    Add(DeclarationRules.TooLarge, "array has more elements than the limit `MaxArrayLength` of " + _limits.MaxArrayLength,
                        "split or shorten the list", (int)reader.TokenStartIndex, 1, pointer);
                    reported = true;
                }

                continue;
            }

            items.Add(item);
        }

        return node;
    }

    private static int Utf16Length(Utf8JsonReader reader)
    {
        var bytes = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
        var quotes = reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName ? 2 : 0;
        return Encoding.UTF8.GetCharCount(bytes) + quotes;
    }

    /// <summary>1-based line and column (UTF-16 code units) and 0-based UTF-16 offset of a byte offset in the body.</summary>
    internal (int Line, int Column, int Offset16) Position(int byteOffset)
    {
        var index = _lineStarts.BinarySearch(byteOffset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        var lineStart = _lineStarts[index];
        var length = Math.Max(0, Math.Min(byteOffset, _bytes.Length - _start) - lineStart);
        var column16 = Encoding.UTF8.GetCharCount(_bytes, _start + lineStart, length);
        return (index + 1, column16 + 1, _lineStarts16[index] + column16);
    }

    // Utf8JsonReader accepts an escaped lone surrogate (`\ud800`) and only GetString refuses it: report it like any
    // other malformed json (RFC 8259 section 8.2 leaves such strings' behaviour unpredictable).
    private string? ReadString(ref Utf8JsonReader reader, string pointer)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            Add(DeclarationRules.InvalidJson, "string holds an unpaired surrogate escape such as `\\ud800`, which is not a unicode character",
                "remove the escape, or write the whole character (a high surrogate followed by a low one)", (int)reader.TokenStartIndex, Utf16Length(reader), pointer);
            return null;
        }
    }

    private void Add(string code, string message, string help, int byteOffset, int length, string? pointer,
        DiagnosticSeverity severity = DiagnosticSeverity.Error, int length16 = -1)
    {
        var (line, column, offset16) = Position(byteOffset);
        _diagnostics.Add(new Diagnostic(code, severity, message, help,
            new DiagnosticLocation(_file, line, column, pointer, offset16, length16 >= 0 ? length16 : length)));
    }

    private static string Reason(string message)
    {
        // Utf8JsonReader messages look like "'}' is an invalid start of a value. LineNumber: 1 | BytePositionInLine: 8."
        var text = message.Split(" LineNumber:")[0].Trim().TrimEnd('.');
        text = text.Replace("'", "`", StringComparison.Ordinal);
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }
}
