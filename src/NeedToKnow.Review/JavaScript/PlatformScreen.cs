using System.Buffers;

namespace NeedToKnow.Review.JavaScript;

/// <summary>
/// A conservative pre-check on raw text: can this file hold a privacy site at all? Every site the analyzer reports
/// starts from a platform global (<c>wx</c>, <c>my</c>, <c>tt</c>...) that is the object of a member of interest
/// (<c>wx.getLocation</c>, <c>wx.createMapContext</c>), of a computed member with a possibly constant key, or a value
/// an alias, destructuring or holder can take (<c>x = wx</c>, <c>a || wx</c>, <c>c ? wx : qq</c>). A text where no
/// platform name stands in such a place (only <c>wx.request</c>, <c>typeof wx</c>, <c>f(wx)</c>, a minified local
/// <c>tt = n(1)</c>) has no sites, and need not be parsed.
/// </summary>
/// <remarks>
/// The check reads comments and strings as code, so it can only say "parse" too often, never too rarely; the corpus
/// test runs every screened file through the unscreened analyzer to show it. It uses a vectorized multi-string
/// search, so it runs at memory speed.
/// </remarks>
internal sealed class PlatformScreen
{
    private readonly SearchValues<string> _platforms;
    private readonly JavaScriptApiTable _table;

    public PlatformScreen(JavaScriptApiTable table)
    {
        _table = table;
        _platforms = SearchValues.Create([.. table.PlatformNames], StringComparison.Ordinal);
    }

    /// <summary>Whether the text may hold a site (and so must be analyzed).</summary>
    public bool MayHaveSites(ReadOnlySpan<char> text)
    {
        var offset = 0;
        while (offset < text.Length)
        {
            var found = text[offset..].IndexOfAny(_platforms);
            if (found < 0)
            {
                return false;
            }

            var start = offset + found;
            var end = start + 1;
            while (end < text.Length && IsIdentifierPart(text[end]))
            {
                end++;
            }

            offset = end;
            if ((start > 0 && IsIdentifierPart(text[start - 1])) || !_table.IsPlatform(text[start..end]))
            {
                continue; // part of a longer name (`myData`, `attr`)
            }

            if (IsRelevant(text, start, end))
            {
                return true;
            }
        }

        return false;
    }

    // Whether the platform name at [start, end) can be where a site starts. Sites start from a platform name that is
    // the object of a member access (wx.getLocation, wx['getLocation'], wx.createMapContext) or a value that an
    // alias, a destructuring or a holder takes (x = wx, a || wx, c ? wx : qq, (wx), await wx). Anything else cannot:
    // wx.request, typeof wx, f(wx), wx === undefined, tt = n(1), {swan: 1}, 'qq', tt[e.code], a / qq.
    private bool IsRelevant(ReadOnlySpan<char> text, int start, int end)
    {
        var next = SkipSpace(text, end);
        if (next + 1 < text.Length && text[next] == '?' && text[next + 1] == '.')
        {
            next++;
        }

        var after = next < text.Length ? text[next] : '\0';
        if (after == '.')
        {
            var member = SkipSpace(text, next + 1);
            var memberEnd = member;
            while (memberEnd < text.Length && IsIdentifierPart(text[memberEnd]))
            {
                memberEnd++;
            }

            if (memberEnd == member || (memberEnd < text.Length && (text[memberEnd] == '\\' || text[memberEnd] > 127)))
            {
                return true; // not a plain name: let the parser decide
            }

            return _table.IsMemberOfInterest(text[member..memberEnd]);
        }

        if (after == '[')
        {
            // A computed member is a site only with a constant key: a literal, or a name bound to one.
            var key = SkipSpace(text, next + 1);
            if (key < text.Length && char.IsAsciiDigit(text[key]))
            {
                return false;
            }

            var keyEnd = key;
            while (keyEnd < text.Length && IsIdentifierPart(text[keyEnd]))
            {
                keyEnd++;
            }

            var follow = SkipSpace(text, keyEnd);
            return !(keyEnd > key && !char.IsAsciiDigit(text[key]) && follow < text.Length && text[follow] is '.' or '(' or '[');
        }

        if (after == '=' && !(next + 1 < text.Length && text[next + 1] is '=' or '>'))
        {
            return false; // an assignment target
        }

        if (after == '!' && next + 1 < text.Length && text[next + 1] == '=')
        {
            return false; // a comparison
        }

        var previous = start - 1;
        while (previous >= 0 && text[previous] is ' ' or '\t' or '\n' or '\r')
        {
            previous--;
        }

        if (previous < 0)
        {
            return false;
        }

        var before = text[previous];
        if (after == ':' && before is ',' or '{')
        {
            return false; // an object key
        }

        if (IsIdentifierPart(before))
        {
            var word = previous;
            while (word >= 0 && IsIdentifierPart(text[word]))
            {
                word--;
            }

            return text[(word + 1)..(previous + 1)] is "await";
        }

        switch (before)
        {
            case '=':
                return !(previous > 0 && text[previous - 1] is '=' or '!' or '<' or '>');
            case '?' or ':' or ',' or '.':
                return true;
            case '|':
                return previous > 0 && text[previous - 1] == '|';
            case '&':
                return previous > 0 && text[previous - 1] == '&';
            case '(':
                // A grouping parenthesis can hold an alias value; a call's or a keyword's cannot.
                var callee = previous - 1;
                while (callee >= 0 && text[callee] is ' ' or '\t' or '\n' or '\r')
                {
                    callee--;
                }

                return !(callee >= 0 && (IsIdentifierPart(text[callee]) || text[callee] is ')' or ']'));
            default:
                return false;
        }
    }

    private static int SkipSpace(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t' or '\n' or '\r')
        {
            i++;
        }

        return i;
    }

    // Narrow on purpose: treating too few characters as part of a name can only make the screen parse more.
    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '$' or '_' || (c > 127 && char.IsLetterOrDigit(c));
}
