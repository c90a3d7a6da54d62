namespace NeedToKnow.Storage;

/// <summary>Turns a driver's exception message into the tail of one of our error lines.</summary>
internal static class ErrorText
{
    /// <summary>
    /// The first line of <paramref name="message"/>, trimmed, without its final period, its first letter lowercased
    /// unless the first word is a name such as "SQLite" or "PostgreSQL" (it has another capital letter).
    /// </summary>
    internal static string FirstLine(string? message)
    {
        var m = (message ?? "").Trim();
        var nl = m.IndexOf('\n', StringComparison.Ordinal);
        var line = (nl < 0 ? m : m[..nl]).Trim().TrimEnd('.');
        if (line.Length == 0)
        {
            return "unknown error";
        }

        var wordEnd = line.AsSpan().IndexOfAny(' ', ':');
        var word = wordEnd < 0 ? line.AsSpan() : line.AsSpan(0, wordEnd);
        var isName = word.Length > 1 && word[1..].ContainsAnyInRange('A', 'Z');
        return char.IsUpper(line[0]) && !isName ? char.ToLowerInvariant(line[0]) + line[1..] : line;
    }
}
