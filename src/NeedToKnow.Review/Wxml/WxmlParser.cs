using NeedToKnow.Review.Text;

namespace NeedToKnow.Review.Wxml;

/// <summary>
/// A tolerant, hand-written WXML scanner with positions. It reads start tags and their attributes (quoted, unquoted
/// and valueless), skips <c>&lt;!-- --&gt;</c> comments, end tags and text, and never lets a <c>&lt;</c> inside a
/// <c>{{ }}</c> binding start a tag (<c>{{a&lt;b}}</c>). No tree is built: <c>&lt;import/&gt;</c> and
/// <c>&lt;template/&gt;</c> stay where they are written, and a missing end tag costs nothing.
/// </summary>
/// <remarks>
/// Syntax: https://developers.weixin.qq.com/miniprogram/dev/reference/wxml/ (data binding, <c>wxs</c> module).
/// The scan is linear in the input and does not recurse.
/// </remarks>
internal static class WxmlParser
{
    public static WxmlDocument Parse(string text)
    {
        var elements = new List<WxmlElement>();
        var scripts = new List<WxmlScript>();
        var n = text.Length;
        var i = 0;
        while (i < n)
        {
            var c = text[i];
            if (c == '{' && i + 1 < n && text[i + 1] == '{')
            {
                var end = text.IndexOf("}}", i + 2, StringComparison.Ordinal);
                i = end < 0 ? i + 2 : end + 2;
                continue;
            }

            if (c != '<' || i + 1 >= n)
            {
                i++;
                continue;
            }

            var next = text[i + 1];
            if (next == '!' && string.CompareOrdinal(text, i, "<!--", 0, 4) == 0)
            {
                var end = text.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = end < 0 ? n : end + 3;
                continue;
            }

            if (next == '/' || next == '!' || next == '?')
            {
                var end = text.IndexOf('>', i + 1);
                i = end < 0 ? n : end + 1;
                continue;
            }

            if (!IsNameStart(next))
            {
                i++;
                continue;
            }

            i = ReadStartTag(text, i, elements, scripts);
        }

        return new WxmlDocument(elements, scripts, new LineMap(text));
    }

    private static int ReadStartTag(string text, int start, List<WxmlElement> elements, List<WxmlScript> scripts)
    {
        var n = text.Length;
        var i = start + 1;
        while (i < n && IsNameChar(text[i]))
        {
            i++;
        }

        var tag = text[(start + 1)..i];
        var attributes = new List<WxmlAttribute>();
        var selfClosing = false;
        while (i < n)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '>')
            {
                i++;
                break;
            }

            if (c == '/')
            {
                i++;
                if (i < n && text[i] == '>')
                {
                    selfClosing = true;
                    i++;
                    break;
                }

                continue;
            }

            if (c == '<')
            {
                // An unterminated tag: the next tag starts here.
                break;
            }

            i = ReadAttribute(text, i, attributes);
        }

        elements.Add(new WxmlElement(tag, start, attributes));
        if (!selfClosing && string.Equals(tag, "wxs", StringComparison.Ordinal))
        {
            var end = text.IndexOf("</wxs", i, StringComparison.Ordinal);
            var bodyEnd = end < 0 ? n : end;
            var module = elements[^1].Attribute("module")?.Value;
            if (bodyEnd > i && elements[^1].Attribute("src") is null)
            {
                scripts.Add(new WxmlScript(text[i..bodyEnd], i, module));
            }

            if (end >= 0)
            {
                var close = text.IndexOf('>', end);
                return close < 0 ? n : close + 1;
            }

            return n;
        }

        return i;
    }

    private static int ReadAttribute(string text, int start, List<WxmlAttribute> attributes)
    {
        var n = text.Length;
        var i = start;
        while (i < n)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c == '=' || c == '>' || c == '<' || (c == '/' && i + 1 < n && text[i + 1] == '>'))
            {
                break;
            }

            i++;
        }

        if (i == start)
        {
            // A stray character such as a lone quote: skip it.
            return i + 1;
        }

        var name = text[start..i];
        var j = i;
        while (j < n && char.IsWhiteSpace(text[j]))
        {
            j++;
        }

        if (j >= n || text[j] != '=')
        {
            attributes.Add(new WxmlAttribute(name, start, null, -1));
            return i;
        }

        j++;
        while (j < n && char.IsWhiteSpace(text[j]))
        {
            j++;
        }

        if (j >= n)
        {
            attributes.Add(new WxmlAttribute(name, start, "", j));
            return j;
        }

        var q = text[j];
        if (q == '"' || q == '\'')
        {
            var valueStart = j + 1;
            var end = ScanQuoted(text, valueStart, q);
            attributes.Add(new WxmlAttribute(name, start, text[valueStart..end], valueStart));
            return end < n ? end + 1 : n;
        }

        var k = j;
        while (k < n)
        {
            var c = text[k];
            if (c == '{' && k + 1 < n && text[k + 1] == '{')
            {
                var close = text.IndexOf("}}", k + 2, StringComparison.Ordinal);
                if (close >= 0)
                {
                    k = close + 2;
                    continue;
                }
            }

            if (char.IsWhiteSpace(c) || c == '>' || (c == '/' && k + 1 < n && text[k + 1] == '>'))
            {
                break;
            }

            k++;
        }

        attributes.Add(new WxmlAttribute(name, start, text[j..k], j));
        return k;
    }

    /// <summary>
    /// The offset of the quote closing a value that starts at <paramref name="start"/>. Inside <c>{{ }}</c> the
    /// quote character does not end the value (<c>"{{ a ? "x" : "y" }}"</c>); when that reading runs off the end,
    /// the first quote ends it.
    /// </summary>
    private static int ScanQuoted(string text, int start, char quote)
    {
        var n = text.Length;
        var i = start;
        while (i < n)
        {
            var c = text[i];
            if (c == quote)
            {
                return i;
            }

            if (c == '{' && i + 1 < n && text[i + 1] == '{')
            {
                var close = text.IndexOf("}}", i + 2, StringComparison.Ordinal);
                var plain = text.IndexOf(quote, i + 2);
                if (close >= 0 && (plain < 0 || plain > close || QuoteInsideBinding(text, i + 2, close, quote)))
                {
                    i = close + 2;
                    continue;
                }
            }

            i++;
        }

        var first = text.IndexOf(quote, start);
        return first < 0 ? n : first;
    }

    /// <summary>True when the quotes between a binding's start and end pair up, so they are string literals inside it.</summary>
    private static bool QuoteInsideBinding(string text, int from, int to, char quote)
    {
        var count = 0;
        for (var i = from; i < to; i++)
        {
            if (text[i] == quote)
            {
                count++;
            }
            else if (text[i] == '>' || text[i] == '\n')
            {
                // A tag end or line break between an odd quote and "}}" means the quote closed the value.
                if (count % 2 == 1)
                {
                    return false;
                }
            }
        }

        return count % 2 == 0;
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_' || c == ':' || c == '.';
}
