using System.Buffers;

namespace NeedToKnow.Review.JavaScript;

/// <summary>
/// A conservative pre-check on raw text: can this file hold a privacy site at all? Every site the analyzer reports
/// starts from a platform global (<c>wx</c>, <c>my</c>, ...) that is either followed by a member of interest
/// (<c>wx.getLocation</c>, <c>wx.createMapContext</c>) or used as a value (an alias, destructuring, bracket access,
/// an argument). A text where every platform name is followed by <c>.</c> and a member that is of no interest
/// (<c>wx.request</c>, <c>wx.showToast</c>) has no sites, and need not be parsed.
/// </summary>
/// <remarks>
/// The check reads comments and strings as code, so it can only say "parse" too often, never too rarely. It uses a
/// vectorized multi-string search, so it runs at memory speed.
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

            if (!FollowedByMemberOfNoInterest(text, end))
            {
                return true;
            }
        }

        return false;
    }

    // `  .name` or `?.name` where name matters to no binding.
    private bool FollowedByMemberOfNoInterest(ReadOnlySpan<char> text, int i)
    {
        i = SkipSpace(text, i);
        if (i < text.Length && text[i] == '?' && i + 1 < text.Length && text[i + 1] == '.')
        {
            i++;
        }

        if (i >= text.Length || text[i] != '.')
        {
            return false;
        }

        i = SkipSpace(text, i + 1);
        var start = i;
        while (i < text.Length && IsIdentifierPart(text[i]))
        {
            i++;
        }

        return i > start && (i >= text.Length || (text[i] != '\\' && text[i] <= 127)) && !_table.IsMemberOfInterest(text[start..i]);
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
