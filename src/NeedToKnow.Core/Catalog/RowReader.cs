using System.Text.Json;
using NeedToKnow.Core.Diagnostics;

namespace NeedToKnow.Core.Catalog;

/// <summary>Reads one catalog row (a JSON object) field by field, reporting every wrong type, missing field and unknown property.</summary>
internal sealed class RowReader
{
    private readonly JsonElement _row;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly List<Diagnostic> _diagnostics;

    public RowReader(JsonElement row, string file, string pointer, List<Diagnostic> diagnostics)
    {
        _row = row;
        File = file;
        Pointer = pointer;
        _diagnostics = diagnostics;
    }

    public string File { get; }

    public string Pointer { get; }

    public bool Failed { get; private set; }

    public string? String(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return Fail<string>(name, "`" + name + "` must be a string, not " + Describe(value.ValueKind));
        }

        var text = value.GetString()!;
        if (required && text.Length == 0)
        {
            return Fail<string>(name, "`" + name + "` must not be empty");
        }

        return text;
    }

    public bool Bool(string name, bool fallback = false)
    {
        if (!TryGet(name, false, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Fail<string>(name, "`" + name + "` must be true or false, not " + Describe(value.ValueKind));
            return fallback;
        }

        return value.GetBoolean();
    }

    public long? Long(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            Fail<string>(name, "`" + name + "` must be an integer");
            return null;
        }

        return number;
    }

    public IReadOnlyList<string> StringList(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail<string>(name, "`" + name + "` must be an array of strings, not " + Describe(value.ValueKind));
            return [];
        }

        var list = new List<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                Report(Pointer + "/" + name + "/" + i, "`" + name + "` items must be strings, not " + Describe(item.ValueKind));
            }
            else
            {
                list.Add(item.GetString()!);
            }

            i++;
        }

        return list;
    }

    public T Enum<T>(string name, bool required, T fallback)
        where T : struct, Enum
    {
        var text = String(name, required);
        if (text is null)
        {
            return fallback;
        }

        foreach (var candidate in System.Enum.GetValues<T>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        var names = System.Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]).ToArray();
        Fail<string>(name, "`" + name + "` has an unknown value `" + text + "`: expected one of " + string.Join(", ", names));
        return fallback;
    }

    /// <summary>Reports every property that no reader method asked for.</summary>
    public void Finish()
    {
        foreach (var property in _row.EnumerateObject())
        {
            if (!_read.Contains(property.Name))
            {
                Report(Pointer + "/" + Escape(property.Name), "unknown property `" + property.Name + "`", "remove it or fix its spelling");
            }
        }
    }

    public void Report(string pointer, string message, string? help = null, string code = CatalogCodes.InvalidField)
    {
        Failed = true;
        _diagnostics.Add(new Diagnostic(code, DiagnosticSeverity.Error, message, help, new DiagnosticLocation(File, JsonPointer: pointer)));
    }

    internal static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private bool TryGet(string name, bool required, out JsonElement value)
    {
        _read.Add(name);
        if (_row.TryGetProperty(name, out value))
        {
            return true;
        }

        if (required)
        {
            Report(Pointer, "missing required field `" + name + "`", "add `" + name + "` to the row");
        }

        return false;
    }

    private T? Fail<T>(string name, string message)
        where T : class
    {
        Report(Pointer + "/" + Escape(name), message);
        return null;
    }
}
