namespace NeedToKnow.Review.JavaScript;

/// <summary>
/// Maps offsets in a script to 1-based lines and 0-based columns in UTF-16 code units, with ECMAScript's line
/// terminators (LF, CR, CRLF, U+2028, U+2029; ECMA-262 clause 12.3), as Acornima counts them.
/// </summary>
internal sealed class JsLineMap
{
    private static readonly System.Buffers.SearchValues<char> LineTerminators = System.Buffers.SearchValues.Create("\n\r\u2028\u2029");

    private readonly List<int> _lineStarts = [0];

    public JsLineMap(string text)
    {
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            var k = span[i..].IndexOfAny(LineTerminators);
            if (k < 0)
            {
                break;
            }

            i += k;
            i += span[i] == '\r' && i + 1 < span.Length && span[i + 1] == '\n' ? 2 : 1;
            _lineStarts.Add(i);
        }
    }

    /// <summary>The 1-based line of an offset.</summary>
    public int LineOf(int offset)
    {
        var index = _lineStarts.BinarySearch(offset);
        return index >= 0 ? index + 1 : ~index;
    }

    /// <summary>The 1-based line and 0-based column of an offset.</summary>
    public (int Line, int Column) Position(int offset)
    {
        var line = LineOf(offset);
        return (line, offset - _lineStarts[line - 1]);
    }
}
