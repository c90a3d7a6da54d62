namespace NeedToKnow.Review.Packages;

/// <summary>
/// The named limits that keep reading an untrusted package safe (STYLE.md H10). Exceeding one gives a diagnostic
/// <c>NTK-PKG-…</c> that names the limit, its configured value and the observed value; the review goes on with the
/// rest of the package.
/// </summary>
/// <remarks>
/// Defaults are well above WeChat's own package limits (2 MB per (sub)package, 20 MB in all:
/// https://developers.weixin.qq.com/miniprogram/dev/framework/subpackages.html), so a real package never meets
/// them, while a hostile one cannot exhaust memory or stack.
/// </remarks>
public sealed record ReviewLimits
{
    /// <summary>The defaults.</summary>
    public static ReviewLimits Default { get; } = new();

    /// <summary><c>maxEntries</c>: files (or zip entries) read from one package; the rest are skipped. Default 50,000.</summary>
    public int MaxEntries { get; init; } = 50_000;

    /// <summary><c>maxFileBytes</c>: bytes of one file; a larger file is skipped. Default 8 MiB.</summary>
    public long MaxFileBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary><c>maxTotalBytes</c>: uncompressed bytes read from one package; files past it are skipped. Default 256 MiB.</summary>
    public long MaxTotalBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary><c>maxCompressionRatio</c>: uncompressed / compressed size of one zip entry; a higher ratio marks a zip bomb and the entry is skipped. Default 200.</summary>
    public int MaxCompressionRatio { get; init; } = 200;

    /// <summary><c>maxLineLength</c>: UTF-16 code units on one line of a source file; a file with a longer line is skipped. Default 1 MiB.</summary>
    public int MaxLineLength { get; init; } = 1024 * 1024;

    /// <summary><c>maxNestingDepth</c>: nesting of code (JavaScript syntax, JSON, WXML bindings); deeper input is not analysed further. Default 500.</summary>
    public int MaxNestingDepth { get; init; } = 500;
}
