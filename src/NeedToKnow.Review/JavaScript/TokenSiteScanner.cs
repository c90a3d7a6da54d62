using NeedToKnow.Review.Sites;

namespace NeedToKnow.Review.JavaScript;

/// <summary>
/// The fallback for files Acornima cannot parse (TypeScript, syntax errors, nesting too deep): the same counting
/// rules as <see cref="AstSiteCollector"/>, matched on the token stream of <see cref="JsLexer"/>, so comments and
/// strings are never uses. Its sites carry <see cref="SiteConfidence.Low"/>.
/// </summary>
/// <remarks>
/// Two passes over the tokens: the first records aliases (<c>w = wx</c>, <c>x = wx ? wx : qq</c>, <c>that = this</c>)
/// and context holders (<c>ctx = wx.createMapContext(...)</c>, <c>this.rm = wx.getRecorderManager()</c>); the second
/// matches member accesses, bracket access with constant strings, destructuring and authorize calls.
/// </remarks>
internal sealed class TokenSiteScanner
{
    private readonly JavaScriptApiTable _table;
    private readonly string _text;
    private readonly List<JsToken> _tokens;
    private readonly JsLineMap _lines;
    private readonly Dictionary<string, string> _platformAliases = new(StringComparer.Ordinal); // alias -> platform
    private readonly Dictionary<string, string> _contextHolders = new(StringComparer.Ordinal);  // name or this.x -> type
    private readonly HashSet<string> _thisAliases = new(StringComparer.Ordinal);

    private TokenSiteScanner(JavaScriptApiTable table, string text)
    {
        _table = table;
        _text = text;
        _tokens = JsLexer.Tokenize(text);
        _lines = new JsLineMap(text);
    }

    /// <summary>Scans <paramref name="text"/> and adds its sites.</summary>
    public static void Scan(JavaScriptApiTable table, string text, SiteBuilder sites)
    {
        var scanner = new TokenSiteScanner(table, text);
        scanner.CollectBindings();
        scanner.CollectSites(sites);
    }

    private int Count => _tokens.Count;

    private bool IsPunct(int i, string p) =>
        i >= 0 && i < Count && _tokens[i].Kind == JsTokenKind.Punctuator && _text.AsSpan(_tokens[i].Start, _tokens[i].Length).SequenceEqual(p);

    private string? Ident(int i) =>
        i >= 0 && i < Count && _tokens[i].Kind == JsTokenKind.Identifier ? _text.Substring(_tokens[i].Start, _tokens[i].Length) : null;

    private bool IsIdent(int i, string name) =>
        i >= 0 && i < Count && _tokens[i].Kind == JsTokenKind.Identifier && _text.AsSpan(_tokens[i].Start, _tokens[i].Length).SequenceEqual(name);

    private void CollectBindings()
    {
        // Two rounds, so that an alias of an alias defined later still counts.
        for (var round = 0; round < 2; round++)
        {
            for (var i = 1; i < Count; i++)
            {
                if (!IsPunct(i, "=") && !IsPunct(i, "||=") && !IsPunct(i, "??="))
                {
                    continue;
                }

                var target = TargetKey(i - 1);
                if (target is null)
                {
                    continue;
                }

                if (IsIdent(i + 1, "this") && IsExpressionEnd(i + 2) && !target.Contains('.', StringComparison.Ordinal))
                {
                    _thisAliases.Add(target);
                    continue;
                }

                var value = ValueAt(i + 1);
                if (value.Platform is not null)
                {
                    _platformAliases.TryAdd(target, value.Platform);
                }
                else if (value.Context is not null)
                {
                    _contextHolders.TryAdd(target, value.Context);
                }
            }
        }
    }

    // The assignment target ending at token `end`: `name` or `this.name` / `that.name`; null for anything else.
    private string? TargetKey(int end)
    {
        var name = Ident(end);
        if (name is null)
        {
            return null;
        }

        if (IsPunct(end - 1, "."))
        {
            var head = Ident(end - 2);
            if (head is null || IsPunct(end - 3, "."))
            {
                return null;
            }

            return (head == "this" || _thisAliases.Contains(head) ? "this" : head) + "." + name;
        }

        // A type annotation `let w: Wx = wx` ends in a type name: `: Type =`; keep the declared name.
        if (IsPunct(end - 1, ":") && Ident(end - 2) is { } declared && (IsIdent(end - 3, "let") || IsIdent(end - 3, "const") || IsIdent(end - 3, "var")))
        {
            return declared;
        }

        return name;
    }

    private bool IsExpressionEnd(int i) =>
        i >= Count || IsPunct(i, ";") || IsPunct(i, ",") || IsPunct(i, ")") || IsPunct(i, "}") || IsPunct(i, "]")
        || (i < Count && _tokens[i].Kind == JsTokenKind.Identifier && _lines.LineOf(_tokens[i].Start) != _lines.LineOf(_tokens[i - 1].Start));

    // What the expression starting at token i evaluates to: a platform (alias source) or a context (holder source).
    private (string? Platform, string? Context) ValueAt(int i)
    {
        // `typeof wx !== 'undefined' ? wx : qq`, `wx || qq`, `a = b = wx`: look through a short expression.
        for (var k = i; k < Count && k < i + 16; k++)
        {
            if (IsPunct(k, ";") || IsPunct(k, ",") || IsPunct(k, ")") || IsPunct(k, "}") || IsPunct(k, "{") || IsPunct(k, "("))
            {
                break;
            }

            if (_tokens[k].Kind != JsTokenKind.Identifier || IsPunct(k - 1, ".") || IsPunct(k - 1, "?."))
            {
                continue;
            }

            var platform = PlatformOf(k, out var next);
            if (platform is null)
            {
                continue;
            }

            if ((IsPunct(next, ".") || IsPunct(next, "?.")) && Ident(next + 1) is { } member && _table.TryGetContextType(member, out var contextType) && IsPunct(next + 2, "("))
            {
                var close = MatchingClose(next + 2);
                return IsPunct(close + 1, ".") || IsPunct(close + 1, "?.") ? (null, null) : (null, contextType);
            }

            if (IsPunct(next, ".") || IsPunct(next, "?.") || IsPunct(next, "[") || IsPunct(next, "("))
            {
                continue; // wx.something / wx[...] / f(...) is not the platform itself
            }

            if (k > i && IsIdent(k - 1, "typeof"))
            {
                continue;
            }

            return (platform, null);
        }

        return (null, null);
    }

    // The platform a token names (wx, or an alias of it, or globalThis.wx); `next` is the token after the reference.
    private string? PlatformOf(int i, out int next)
    {
        next = i + 1;
        var name = Ident(i);
        if (name is null)
        {
            return null;
        }

        if (_table.IsPlatform(name))
        {
            return name;
        }

        if (name is "globalThis" or "window" or "global" or "self" && IsPunct(i + 1, ".") && Ident(i + 2) is { } inner && _table.IsPlatform(inner))
        {
            next = i + 3;
            return inner;
        }

        return _platformAliases.GetValueOrDefault(name);
    }

    private void CollectSites(SiteBuilder sites)
    {
        for (var i = 0; i < Count; i++)
        {
            if (_tokens[i].Kind == JsTokenKind.Punctuator)
            {
                if (IsPunct(i, "}") && IsPunct(i + 1, "="))
                {
                    Destructuring(i, sites);
                }

                continue;
            }

            if (_tokens[i].Kind != JsTokenKind.Identifier || IsPunct(i - 1, ".") || IsPunct(i - 1, "?."))
            {
                continue;
            }

            var platform = PlatformOf(i, out var next);
            if (platform is not null)
            {
                PlatformMember(i, next, platform, sites);
                continue;
            }

            // Context holders: ctx.moveToLocation(), this.mapCtx.moveToLocation(), that.rm.start().
            var name = Ident(i)!;
            var at = i + 1;
            string key = name;
            if ((name == "this" || _thisAliases.Contains(name)) && IsPunct(i + 1, ".") && Ident(i + 2) is { } field)
            {
                key = "this." + field;
                at = i + 3;
            }
            else if (IsPunct(i + 1, ".") && Ident(i + 2) is { } property && _contextHolders.ContainsKey(name + "." + property))
            {
                key = name + "." + property;
                at = i + 3;
            }

            if (_contextHolders.TryGetValue(key, out var contextType))
            {
                ContextMember(at, contextType, sites);
            }
        }
    }

    private void PlatformMember(int start, int next, string platform, SiteBuilder sites)
    {
        var member = MemberAt(next, out var after);
        if (member is null)
        {
            return;
        }

        var isCall = IsPunct(after, "(") || (IsPunct(after, "?.") && IsPunct(after + 1, "("));
        var (line, column) = _lines.Position(_tokens[start].Start);
        if (IsPunct(after, "=") && !isCall)
        {
            return; // wx.getLocation = ... defines, it does not use
        }

        if (_table.TryGetFunction(platform, member, out var binding))
        {
            sites.Add(binding, line, column, isCall ? SiteKind.Call : SiteKind.Reference);
        }
        else if (isCall && _table.IsAuthorize(platform, member))
        {
            var open = IsPunct(after, "(") ? after : after + 1;
            var scope = ScopeArgument(open);
            if (scope is not null && _table.TryGetAuthorize(platform, member, scope, out var authorize))
            {
                sites.Add(authorize, line, column, SiteKind.Authorize, scope);
            }
        }
        else if (isCall && _table.TryGetContextType(member, out var contextType))
        {
            // wx.createMapContext('m').moveToLocation()
            var close = MatchingClose(IsPunct(after, "(") ? after : after + 1);
            ContextMember(close + 1, contextType, sites);
        }
    }

    // `.name` or `?.name` or `['name']` / `['get' + 'Location']` at token i; null when it is none of these.
    private string? MemberAt(int i, out int after)
    {
        after = i + 2;
        if ((IsPunct(i, ".") || IsPunct(i, "?.")) && Ident(i + 1) is { } name)
        {
            return name;
        }

        var open = IsPunct(i, "[") ? i : IsPunct(i, "?.") && IsPunct(i + 1, "[") ? i + 1 : -1;
        if (open < 0)
        {
            return null;
        }

        var folded = FoldStrings(open + 1, out var end);
        if (folded is null || !IsPunct(end, "]"))
        {
            return null;
        }

        after = end + 1;
        return folded;
    }

    // 'a' + 'b' + `c` starting at token i; `end` is the token after it.
    private string? FoldStrings(int i, out int end)
    {
        end = i;
        if (i >= Count || _tokens[i].Kind != JsTokenKind.String)
        {
            return null;
        }

        var value = _tokens[i].Value!;
        end = i + 1;
        while (IsPunct(end, "+") && end + 1 < Count && _tokens[end + 1].Kind == JsTokenKind.String)
        {
            value += _tokens[end + 1].Value;
            end += 2;
        }

        return value;
    }

    private void ContextMember(int i, string contextType, SiteBuilder sites)
    {
        if (!(IsPunct(i, ".") || IsPunct(i, "?.")) || Ident(i + 1) is not { } method)
        {
            return;
        }

        if (_table.TryGetContextMethod(contextType, method, out var binding))
        {
            var isCall = IsPunct(i + 2, "(") || (IsPunct(i + 2, "?.") && IsPunct(i + 3, "("));
            var (line, column) = _lines.Position(_tokens[i + 1].Start);
            sites.Add(binding, line, column, isCall ? SiteKind.Call : SiteKind.Reference);
        }
    }

    // authorize({ scope: 'scope.X' }) with `open` at the `(`: the folded literal scope, or null.
    private string? ScopeArgument(int open)
    {
        if (!IsPunct(open + 1, "{"))
        {
            return null;
        }

        var depth = 0;
        for (var k = open + 1; k < Count && k < open + 4096; k++)
        {
            if (IsPunct(k, "{") || IsPunct(k, "(") || IsPunct(k, "["))
            {
                depth++;
            }
            else if (IsPunct(k, "}") || IsPunct(k, ")") || IsPunct(k, "]"))
            {
                if (--depth == 0)
                {
                    return null;
                }
            }
            else if (depth == 1 && (IsIdent(k, "scope") || (_tokens[k].Kind == JsTokenKind.String && _tokens[k].Value == "scope"))
                && (IsPunct(k - 1, "{") || IsPunct(k - 1, ",")) && IsPunct(k + 1, ":"))
            {
                var value = FoldStrings(k + 2, out var end);
                return value is not null && (IsPunct(end, ",") || IsPunct(end, "}")) ? value : null;
            }
        }

        return null;
    }

    // `{ getLocation, chooseImage: pick } = wx`, with `close` at the `}`.
    private void Destructuring(int close, SiteBuilder sites)
    {
        var platform = PlatformOf(close + 2, out var next);
        string? contextType = null;
        if (platform is null)
        {
            var name = Ident(close + 2);
            if (name is null || !_contextHolders.TryGetValue(name, out contextType))
            {
                return;
            }
        }

        if (IsPunct(next, ".") || IsPunct(next, "?.") || IsPunct(next, "[") || IsPunct(next, "("))
        {
            return;
        }

        var open = MatchingOpen(close);
        if (open < 0)
        {
            return;
        }

        var depth = 0;
        for (var k = open + 1; k < close; k++)
        {
            if (IsPunct(k, "{") || IsPunct(k, "(") || IsPunct(k, "["))
            {
                depth++;
                continue;
            }

            if (IsPunct(k, "}") || IsPunct(k, ")") || IsPunct(k, "]"))
            {
                depth--;
                continue;
            }

            if (depth != 0 || !(IsPunct(k - 1, "{") || IsPunct(k - 1, ",")))
            {
                continue;
            }

            var key = _tokens[k].Kind == JsTokenKind.String ? _tokens[k].Value : Ident(k);
            if (key is null || !(IsPunct(k + 1, ",") || IsPunct(k + 1, "}") || IsPunct(k + 1, ":") || IsPunct(k + 1, "=")))
            {
                continue;
            }

            var (line, column) = _lines.Position(_tokens[k].Start);
            if (platform is not null && _table.TryGetFunction(platform, key, out var binding))
            {
                sites.Add(binding, line, column, SiteKind.Reference);
            }
            else if (contextType is not null && _table.TryGetContextMethod(contextType, key, out var method))
            {
                sites.Add(method, line, column, SiteKind.Reference);
            }
        }
    }

    private int MatchingClose(int open)
    {
        var depth = 0;
        for (var k = open; k < Count; k++)
        {
            if (IsPunct(k, "(") || IsPunct(k, "[") || IsPunct(k, "{"))
            {
                depth++;
            }
            else if ((IsPunct(k, ")") || IsPunct(k, "]") || IsPunct(k, "}")) && --depth == 0)
            {
                return k;
            }
        }

        return Count;
    }

    private int MatchingOpen(int close)
    {
        var depth = 0;
        for (var k = close; k >= 0 && k > close - 4096; k--)
        {
            if (IsPunct(k, ")") || IsPunct(k, "]") || IsPunct(k, "}"))
            {
                depth++;
            }
            else if ((IsPunct(k, "(") || IsPunct(k, "[") || IsPunct(k, "{")) && --depth == 0)
            {
                return k;
            }
        }

        return -1;
    }
}
