namespace NeedToKnow.Core.Declarations;

/// <summary>
/// Named limits for reading an untrusted <c>privacy.json</c> (STYLE.md H10): input beyond one of them is rejected with
/// an error that names the limit, its value and what was seen.
/// </summary>
public sealed record DeclarationLimits
{
    /// <summary>The defaults: 1 MiB, depth 32, 1,000 items per array, 4,096 characters per string.</summary>
    public static DeclarationLimits Default { get; } = new();

    /// <summary>Largest document, in bytes (default 1 MiB = 1,048,576).</summary>
    public int MaxBytes { get; init; } = 1024 * 1024;

    /// <summary>Deepest nesting of objects and arrays (default 32; a valid declaration needs 5).</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Most elements in one array (default 1,000).</summary>
    public int MaxArrayLength { get; init; } = 1000;

    /// <summary>Longest string value, in UTF-16 code units (default 4,096).</summary>
    public int MaxStringLength { get; init; } = 4096;
}
