using NeedToKnow.Core.Diagnostics;

namespace NeedToKnow.Core.Declarations;

/// <summary>What <see cref="DeclarationParser.Parse"/> read: the declaration (when the JSON was readable), the problems met, and the positions of every value.</summary>
public sealed class DeclarationParseResult
{
    internal DeclarationParseResult(PrivacyDeclaration? declaration, IReadOnlyList<Diagnostic> diagnostics, string? file, IReadOnlyDictionary<string, JsonNode> nodes)
    {
        Declaration = declaration;
        Diagnostics = diagnostics;
        File = file;
        Nodes = nodes;
    }

    /// <summary>The declaration; null when the input could not be read as a JSON object. Fields with problems hold empty values.</summary>
    public PrivacyDeclaration? Declaration { get; }

    /// <summary>Problems met while reading, in document order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when the input was read as JSON (it may still have problems); false for unreadable input (syntax, encoding, limits).</summary>
    public bool IsReadable => Declaration is not null;

    /// <summary>The file name diagnostics carry, or null.</summary>
    public string? File { get; }

    /// <summary>Every value read, by JSON pointer.</summary>
    internal IReadOnlyDictionary<string, JsonNode> Nodes { get; }

    /// <summary>The location of the value at <paramref name="pointer"/>, or of its nearest present parent.</summary>
    internal DiagnosticLocation LocationOf(string pointer)
    {
        var p = pointer;
        while (true)
        {
            if (Nodes.TryGetValue(p, out var node))
            {
                return new DiagnosticLocation(File, node.Line, node.Column, pointer, node.Offset, node.Length);
            }

            if (p.Length == 0)
            {
                return new DiagnosticLocation(File, JsonPointer: pointer);
            }

            p = p[..p.LastIndexOf('/')];
        }
    }
}
