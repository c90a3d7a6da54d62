namespace NeedToKnow.Review.JavaScript;

/// <summary>
/// A forgiving JavaScript / TypeScript tokenizer for the token-scan fallback: it never fails, skips comments, reads
/// string and template literals (with nested <c>${}</c> expressions), tells regular expressions from division by the
/// previous token, and keeps each token's offset. Iterative, linear in the input.
/// </summary>
/// <remarks>Lexical grammar: ECMA-262, clause 12 (ECMAScript Language: Lexical Grammar).</remarks>
internal static class JsLexer
{
    /// <summary>Tokenizes <paramref name="text"/>; comments and whitespace are dropped.</summary>
    public static List<JsToken> Tokenize(string text)
    {
        var tokens = new List<JsToken>(Math.Min(text.Length / 4 + 16, 1 << 20));
        var braces = new Stack<bool>(); // for each open `{`: true when it opened a template substitution `${`
        var i = 0;
        var n = text.Length;
        while (i < n)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f' or '\u00a0' or '\ufeff' or '\u2028' or '\u2029' || (c > 127 && char.IsWhiteSpace(c)))
            {
                i++;
                continue;
            }

            var start = i;
            if (c == '/' && i + 1 < n && text[i + 1] == '/')
            {
                i = SkipLine(text, i + 2);
                continue;
            }

            if (c == '/' && i + 1 < n && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? n : end + 2;
                continue;
            }

            if (IsIdentifierStart(c))
            {
                i++;
                while (i < n && IsIdentifierPart(text[i]))
                {
                    i++;
                }

                tokens.Add(new JsToken(JsTokenKind.Identifier, start, i - start, null));
                continue;
            }

            if (c is '"' or '\'')
            {
                i = ReadString(text, i, out var value);
                tokens.Add(new JsToken(JsTokenKind.String, start, i - start, value));
                continue;
            }

            if (c == '`' || (c == '}' && braces.Count > 0 && braces.Peek()))
            {
                if (c == '}')
                {
                    braces.Pop();
                }

                i = ReadTemplate(text, i + 1, out var value, out var opensSubstitution);
                if (opensSubstitution)
                {
                    braces.Push(true);
                }

                // A whole template without substitutions is a constant string; parts of one are not.
                var whole = c == '`' && !opensSubstitution;
                tokens.Add(new JsToken(whole ? JsTokenKind.String : JsTokenKind.Template, start, i - start, whole ? value : null));
                continue;
            }

            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < n && char.IsAsciiDigit(text[i + 1])))
            {
                i++;
                while (i < n && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '.' or '_'))
                {
                    i++;
                }

                tokens.Add(new JsToken(JsTokenKind.Number, start, i - start, null));
                continue;
            }

            if (c == '/' && RegexAllowed(text, tokens))
            {
                i = SkipRegex(text, i + 1);
                tokens.Add(new JsToken(JsTokenKind.Regex, start, i - start, null));
                continue;
            }

            if (c == '{')
            {
                braces.Push(false);
            }
            else if (c == '}' && braces.Count > 0)
            {
                braces.Pop();
            }

            var length = PunctuatorLength(text, i);
            tokens.Add(new JsToken(JsTokenKind.Punctuator, start, length, null));
            i += length;
        }

        return tokens;
    }

    private static int SkipLine(string text, int i)
    {
        var span = text.AsSpan(i);
        var end = span.IndexOfAny('\n', '\r', '\u2028');
        return end < 0 ? text.Length : i + end;
    }

    private static int ReadString(string text, int i, out string value)
    {
        var quote = text[i];
        var start = ++i;
        var n = text.Length;
        System.Text.StringBuilder? builder = null;
        while (i < n)
        {
            var c = text[i];
            if (c == quote)
            {
                value = builder is null ? text[start..i] : builder.Append(text, start, i - start).ToString();
                return i + 1;
            }

            if (c is '\n' or '\r')
            {
                break; // unterminated string: stop at the line end
            }

            if (c == '\\' && i + 1 < n)
            {
                builder ??= new System.Text.StringBuilder();
                builder.Append(text, start, i - start);
                i = ReadEscape(text, i + 1, builder);
                start = i;
                continue;
            }

            i++;
        }

        value = builder is null ? text[start..i] : builder.Append(text, start, i - start).ToString();
        return i;
    }

    private static int ReadTemplate(string text, int i, out string value, out bool opensSubstitution)
    {
        var start = i;
        var n = text.Length;
        System.Text.StringBuilder? builder = null;
        while (i < n)
        {
            var c = text[i];
            if (c == '`')
            {
                value = builder is null ? text[start..i] : builder.Append(text, start, i - start).ToString();
                opensSubstitution = false;
                return i + 1;
            }

            if (c == '$' && i + 1 < n && text[i + 1] == '{')
            {
                value = "";
                opensSubstitution = true;
                return i + 2;
            }

            if (c == '\\' && i + 1 < n)
            {
                builder ??= new System.Text.StringBuilder();
                builder.Append(text, start, i - start);
                i = ReadEscape(text, i + 1, builder);
                start = i;
                continue;
            }

            i++;
        }

        value = builder is null ? text[start..i] : builder.Append(text, start, i - start).ToString();
        opensSubstitution = false;
        return i;
    }

    // Reads the escape after a backslash at i-1; simple escapes and \xHH / \uHHHH / \u{H...}; line continuations.
    private static int ReadEscape(string text, int i, System.Text.StringBuilder builder)
    {
        var c = text[i];
        switch (c)
        {
            case 'n': builder.Append('\n'); return i + 1;
            case 't': builder.Append('\t'); return i + 1;
            case 'r': builder.Append('\r'); return i + 1;
            case 'b': builder.Append('\b'); return i + 1;
            case 'f': builder.Append('\f'); return i + 1;
            case 'v': builder.Append('\v'); return i + 1;
            case '\r': return i + 1 < text.Length && text[i + 1] == '\n' ? i + 2 : i + 1;
            case '\n' or '\u2028' or '\u2029': return i + 1;
            case 'x' when i + 2 < text.Length && IsHex(text, i + 1, 2):
                builder.Append((char)Convert.ToInt32(text.Substring(i + 1, 2), 16));
                return i + 3;
            case 'u' when i + 4 < text.Length && IsHex(text, i + 1, 4):
                builder.Append((char)Convert.ToInt32(text.Substring(i + 1, 4), 16));
                return i + 5;
            case 'u' when i + 1 < text.Length && text[i + 1] == '{':
                var close = text.IndexOf('}', i + 2);
                if (close > i + 2 && close - i - 2 <= 6 && IsHex(text, i + 2, close - i - 2))
                {
                    var codePoint = Convert.ToInt32(text.Substring(i + 2, close - i - 2), 16);
                    if (codePoint <= 0x10FFFF)
                    {
                        builder.Append(char.ConvertFromUtf32(codePoint is >= 0xD800 and <= 0xDFFF ? 0xFFFD : codePoint));
                    }

                    return close + 1;
                }

                builder.Append('u');
                return i + 1;
            default:
                builder.Append(c);
                return i + 1;
        }
    }

    private static bool IsHex(string text, int start, int count)
    {
        for (var k = 0; k < count; k++)
        {
            if (!char.IsAsciiHexDigit(text[start + k]))
            {
                return false;
            }
        }

        return true;
    }

    private static int SkipRegex(string text, int i)
    {
        var n = text.Length;
        var inClass = false;
        while (i < n)
        {
            var c = text[i];
            if (c is '\n' or '\r')
            {
                return i; // not a regex after all; resume at the line end
            }

            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }
            else if (c == '/' && !inClass)
            {
                i++;
                while (i < n && IsIdentifierPart(text[i]))
                {
                    i++; // flags
                }

                return i;
            }

            i++;
        }

        return Math.Min(i, n);
    }

    // A `/` starts a regular expression unless the previous token ends an expression.
    private static bool RegexAllowed(string text, List<JsToken> tokens)
    {
        if (tokens.Count == 0)
        {
            return true;
        }

        var previous = tokens[^1];
        switch (previous.Kind)
        {
            case JsTokenKind.Number or JsTokenKind.String or JsTokenKind.Regex or JsTokenKind.Template:
                return false;
            case JsTokenKind.Identifier:
                var word = text.AsSpan(previous.Start, previous.Length);
                return word is "return" or "typeof" or "case" or "do" or "else" or "in" or "of" or "new" or "delete"
                    or "void" or "throw" or "instanceof" or "yield" or "await";
            default:
                var p = text[previous.Start + previous.Length - 1];
                return p is not (')' or ']' or '}') && !(previous.Length == 2 && text[previous.Start] is '+' or '-' && text[previous.Start + 1] == p);
        }
    }

    private static int PunctuatorLength(string text, int i)
    {
        var rest = text.AsSpan(i);
        ReadOnlySpan<string> candidates =
        [
            ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=",
            "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
            "<<", ">>", "**",
        ];
        foreach (var candidate in candidates)
        {
            if (rest.StartsWith(candidate, StringComparison.Ordinal))
            {
                // `?.` followed by a digit is a conditional and a number (a ?.5 : b).
                return candidate == "?." && rest.Length > 2 && char.IsAsciiDigit(rest[2]) ? 1 : candidate.Length;
            }
        }

        return char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
    }

    private static bool IsIdentifierStart(char c) =>
        char.IsAsciiLetter(c) || c is '$' or '_' or '\\' || (c > 127 && (char.IsLetter(c) || char.IsSurrogate(c)));

    private static bool IsIdentifierPart(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '$' or '_' or '\u200c' or '\u200d' || (c > 127 && (char.IsLetterOrDigit(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.ConnectorPunctuation));
}

/// <summary>Kinds of token the fallback lexer tells apart.</summary>
internal enum JsTokenKind : byte
{
    /// <summary>An identifier or keyword.</summary>
    Identifier,

    /// <summary>A punctuator (<c>.</c>, <c>?.</c>, <c>(</c>, <c>=</c>...).</summary>
    Punctuator,

    /// <summary>A string literal, or a template literal without substitutions; <see cref="JsToken.Value"/> holds its value.</summary>
    String,

    /// <summary>A part of a template literal with substitutions.</summary>
    Template,

    /// <summary>A numeric literal.</summary>
    Number,

    /// <summary>A regular expression literal.</summary>
    Regex,
}

/// <summary>One token: kind, offset and length in the text, and the value of string literals.</summary>
internal readonly record struct JsToken(JsTokenKind Kind, int Start, int Length, string? Value);
