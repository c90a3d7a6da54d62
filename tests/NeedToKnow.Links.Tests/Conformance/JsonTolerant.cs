using System.Globalization;
using System.Text;

namespace NeedToKnow.Links.Tests.Conformance;

/// <summary>
/// A small JSON reader that keeps lone surrogate escapes such as <c>"\ud900"</c> as they are: System.Text.Json
/// refuses to materialise such strings, and two IdnaTestV2 inputs hold them. Objects become dictionaries, arrays
/// lists, strings strings, numbers doubles.
/// </summary>
internal static class JsonTolerant
{
    public static List<object?> ReadArray(string json)
    {
        var i = 0;
        var value = ReadValue(json, ref i);
        return value as List<object?> ?? throw new FormatException("expected a JSON array");
    }

    private static object? ReadValue(string s, ref int i)
    {
        SkipWs(s, ref i);
        switch (s[i])
        {
            case '[':
                {
                    i++;
                    var list = new List<object?>();
                    SkipWs(s, ref i);
                    if (s[i] == ']')
                    {
                        i++;
                        return list;
                    }

                    while (true)
                    {
                        list.Add(ReadValue(s, ref i));
                        SkipWs(s, ref i);
                        if (s[i++] == ']')
                        {
                            return list;
                        }
                    }
                }

            case '{':
                {
                    i++;
                    var obj = new Dictionary<string, object?>();
                    SkipWs(s, ref i);
                    if (s[i] == '}')
                    {
                        i++;
                        return obj;
                    }

                    while (true)
                    {
                        SkipWs(s, ref i);
                        var key = ReadString(s, ref i);
                        SkipWs(s, ref i);
                        i++; // ':'
                        obj[key] = ReadValue(s, ref i);
                        SkipWs(s, ref i);
                        if (s[i++] == '}')
                        {
                            return obj;
                        }
                    }
                }

            case '"':
                return ReadString(s, ref i);
            case 'n':
                i += 4;
                return null;
            case 't':
                i += 4;
                return true;
            case 'f':
                i += 5;
                return false;
            default:
                {
                    var start = i;
                    while (i < s.Length && (char.IsDigit(s[i]) || s[i] is '-' or '+' or '.' or 'e' or 'E'))
                    {
                        i++;
                    }

                    return double.Parse(s.AsSpan(start, i - start), CultureInfo.InvariantCulture);
                }
        }
    }

    private static string ReadString(string s, ref int i)
    {
        i++; // opening quote
        var b = new StringBuilder();
        while (true)
        {
            var c = s[i++];
            if (c == '"')
            {
                return b.ToString();
            }

            if (c != '\\')
            {
                b.Append(c);
                continue;
            }

            var e = s[i++];
            b.Append(e switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'b' => '\b',
                'f' => '\f',
                'u' => (char)int.Parse(s.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                _ => e,
            });
            if (e == 'u')
            {
                i += 4;
            }
        }
    }

    private static void SkipWs(string s, ref int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }
    }
}
