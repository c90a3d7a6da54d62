namespace NeedToKnow.Review.Text;

/// <summary>Maps 0-based UTF-16 offsets of one text to 1-based line and column (lines end at <c>\n</c>; <c>\r\n</c> counts as one end).</summary>
internal sealed class LineMap
{
    private readonly int[] starts;

    public LineMap(string text)
    {
        var list = new List<int>(Math.Max(16, text.Length / 32)) { 0 };
        var i = text.IndexOf('\n');
        while (i >= 0)
        {
            list.Add(i + 1);
            i = text.IndexOf('\n', i + 1);
        }

        starts = [.. list];
    }

    /// <summary>Number of lines (a text without a line break has one).</summary>
    public int LineCount => starts.Length;

    /// <summary>The 1-based line and column of <paramref name="offset"/>.</summary>
    public (int Line, int Column) Position(int offset)
    {
        var index = Array.BinarySearch(starts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, offset - starts[index] + 1);
    }

    /// <summary>The 0-based offset of a 1-based line and column (clamped to the text's lines).</summary>
    public int Offset(int line, int column)
    {
        var index = Math.Clamp(line - 1, 0, starts.Length - 1);
        return starts[index] + Math.Max(0, column - 1);
    }
}
