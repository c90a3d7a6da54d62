namespace NeedToKnow.Core.Diagnostics;

/// <summary>
/// Where a <see cref="Diagnostic"/> points: a file position (1-based line and column, 0-based UTF-16 offset and
/// length) and, for JSON input, an RFC 6901 JSON pointer. Any part may be absent.
/// </summary>
/// <param name="File">The file, relative to the root being checked, with <c>/</c> separators; null when the input has no file.</param>
/// <param name="Line">1-based line, or 0 when unknown.</param>
/// <param name="Column">1-based column in UTF-16 code units, or 0 when unknown.</param>
/// <param name="JsonPointer">RFC 6901 pointer into a JSON document (<c>""</c> is the whole document), or null.</param>
/// <param name="Offset">0-based offset in UTF-16 code units, or -1 when unknown.</param>
/// <param name="Length">Length of the covered text in UTF-16 code units (0 when it is a point).</param>
public sealed record DiagnosticLocation(
    string? File,
    int Line = 0,
    int Column = 0,
    string? JsonPointer = null,
    int Offset = -1,
    int Length = 0)
{
    /// <summary>Formats the location as <c>file:line:column</c> (parts that are unknown are left out), then the pointer.</summary>
    public override string ToString()
    {
        var text = File ?? "";
        if (Line > 0)
        {
            text += (text.Length > 0 ? ":" : "") + Line;
            if (Column > 0)
            {
                text += ":" + Column;
            }
        }

        if (JsonPointer is not null)
        {
            text += (text.Length > 0 ? " " : "") + "at " + (JsonPointer.Length == 0 ? "/" : JsonPointer);
        }

        return text;
    }
}
