namespace NeedToKnow.Review.Wxml;

/// <summary>
/// The literal strings an attribute value can evaluate to. Text outside <c>{{ }}</c> is literal; inside a binding a
/// string literal counts only where it can be the result: a branch of <c>?:</c>, an operand of <c>||</c>,
/// <c>&amp;&amp;</c> or <c>??</c>, or the whole (parenthesised) expression. A literal that is a comparison operand
/// (<c>openType === 'getUserInfo' ? '' : openType</c>) or part of a larger expression does not count
/// (corpus README, "Counting rules" 5).
/// </summary>
internal static class BindingValues
{
    /// <summary>Deepest parenthesis nesting followed inside one binding; deeper groups give no values.</summary>
    public const int MaxDepth = 32;

    /// <summary>The possible values of <paramref name="value"/>: the value itself when it has no binding, else the
    /// literal text around bindings and each literal result of each binding.</summary>
    public static List<string> Of(string value)
    {
        var results = new List<string>();
        if (!value.Contains("{{", StringComparison.Ordinal))
        {
            results.Add(value);
            return results;
        }

        var literal = new System.Text.StringBuilder();
        var i = 0;
        while (i < value.Length)
        {
            var open = value.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0)
            {
                literal.Append(value, i, value.Length - i);
                break;
            }

            literal.Append(value, i, open - i);
            var close = value.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                literal.Append(value, open, value.Length - open);
                break;
            }

            var tokens = Tokenize(value.AsSpan(open + 2, close - open - 2));
            var pos = 0;
            results.AddRange(Conditional(tokens, ref pos, 0));
            i = close + 2;
        }

        var text = literal.ToString().Trim();
        if (text.Length > 0)
        {
            results.Add(text);
        }

        return results;
    }

    private enum TokenKind
    {
        String,
        Question,
        Colon,
        Or,
        And,
        Nullish,
        Open,
        Close,
        Other,
    }

    private readonly record struct Token(TokenKind Kind, string Text);

    private static List<Token> Tokenize(ReadOnlySpan<char> s)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '\'' || c == '"' || c == '`')
            {
                var sb = new System.Text.StringBuilder();
                var j = i + 1;
                while (j < s.Length && s[j] != c)
                {
                    if (s[j] == '\\' && j + 1 < s.Length)
                    {
                        j++;
                    }

                    sb.Append(s[j]);
                    j++;
                }

                tokens.Add(new Token(c == '`' && sb.ToString().Contains("${", StringComparison.Ordinal) ? TokenKind.Other : TokenKind.String, sb.ToString()));
                i = j + 1;
                continue;
            }

            var two = i + 1 < s.Length ? s.Slice(i, 2) : default;
            if (two.SequenceEqual("||"))
            {
                tokens.Add(new Token(TokenKind.Or, "||"));
                i += 2;
            }
            else if (two.SequenceEqual("&&"))
            {
                tokens.Add(new Token(TokenKind.And, "&&"));
                i += 2;
            }
            else if (two.SequenceEqual("??"))
            {
                tokens.Add(new Token(TokenKind.Nullish, "??"));
                i += 2;
            }
            else if (two.SequenceEqual("?."))
            {
                tokens.Add(new Token(TokenKind.Other, "?."));
                i += 2;
            }
            else if (c == '?')
            {
                tokens.Add(new Token(TokenKind.Question, "?"));
                i++;
            }
            else if (c == ':')
            {
                tokens.Add(new Token(TokenKind.Colon, ":"));
                i++;
            }
            else if (c == '(')
            {
                tokens.Add(new Token(TokenKind.Open, "("));
                i++;
            }
            else if (c == ')')
            {
                tokens.Add(new Token(TokenKind.Close, ")"));
                i++;
            }
            else
            {
                var j = i + 1;
                if (char.IsLetterOrDigit(c) || c == '_' || c == '$' || c == '.')
                {
                    while (j < s.Length && (char.IsLetterOrDigit(s[j]) || s[j] == '_' || s[j] == '$' || s[j] == '.'))
                    {
                        j++;
                    }
                }

                tokens.Add(new Token(TokenKind.Other, s[i..j].ToString()));
                i = j;
            }
        }

        return tokens;
    }

    // Conditional := Logical ('?' Conditional ':' Conditional)?
    private static List<string> Conditional(List<Token> t, ref int pos, int depth)
    {
        var test = Logical(t, ref pos, depth);
        if (pos < t.Count && t[pos].Kind == TokenKind.Question)
        {
            pos++;
            var yes = Conditional(t, ref pos, depth);
            if (pos < t.Count && t[pos].Kind == TokenKind.Colon)
            {
                pos++;
            }

            var no = Conditional(t, ref pos, depth);
            yes.AddRange(no);
            return yes;
        }

        return test;
    }

    // Logical := Item (('||' | '&&' | '??') Item)*; every operand can be the result.
    private static List<string> Logical(List<Token> t, ref int pos, int depth)
    {
        var results = Item(t, ref pos, depth);
        while (pos < t.Count && t[pos].Kind is TokenKind.Or or TokenKind.And or TokenKind.Nullish)
        {
            pos++;
            results.AddRange(Item(t, ref pos, depth));
        }

        return results;
    }

    // Item := a run of tokens and parenthesised groups up to a top-level ?, :, ||, &&, ?? or ). Only a run of one
    // string literal, or of one group, has literal results.
    private static List<string> Item(List<Token> t, ref int pos, int depth)
    {
        var parts = 0;
        List<string> single = [];
        while (pos < t.Count)
        {
            var kind = t[pos].Kind;
            if (kind is TokenKind.Question or TokenKind.Colon or TokenKind.Or or TokenKind.And or TokenKind.Nullish or TokenKind.Close)
            {
                break;
            }

            parts++;
            if (kind == TokenKind.Open)
            {
                pos++;
                if (depth >= MaxDepth)
                {
                    SkipGroup(t, ref pos);
                    single = [];
                    continue;
                }

                single = Conditional(t, ref pos, depth + 1);
                if (pos < t.Count && t[pos].Kind != TokenKind.Close)
                {
                    // Tokens the grammar above does not cover (commas, arrows): the group has no literal result.
                    single = [];
                    SkipGroup(t, ref pos);
                }

                pos++;
            }
            else
            {
                single = kind == TokenKind.String ? [t[pos].Text] : [];
                pos++;
            }
        }

        return parts == 1 ? single : [];
    }

    private static void SkipGroup(List<Token> t, ref int pos)
    {
        var level = 1;
        while (pos < t.Count && level > 0)
        {
            if (t[pos].Kind == TokenKind.Open)
            {
                level++;
            }
            else if (t[pos].Kind == TokenKind.Close)
            {
                level--;
                if (level == 0)
                {
                    return;
                }
            }

            pos++;
        }
    }
}
