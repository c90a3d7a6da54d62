namespace NeedToKnow.Review.Json;

/// <summary>The deepest nesting of objects and arrays in a JSON text, counted without recursion (strings skipped).</summary>
internal static class JsonNesting
{
    public static int Depth(string text)
    {
        var depth = 0;
        var max = 0;
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{':
                case '[':
                    depth++;
                    max = Math.Max(max, depth);
                    break;
                case '}':
                case ']':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }

        return max;
    }
}
