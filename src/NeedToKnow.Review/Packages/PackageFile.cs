namespace NeedToKnow.Review.Packages;

/// <summary>One source file of a package, decoded.</summary>
/// <param name="Path">Path relative to the app root, <c>/</c> separators, e.g. <c>pages/index/index.js</c>.</param>
/// <param name="Kind">The kind, from the extension.</param>
/// <param name="Bytes">Size on disk (uncompressed), in bytes.</param>
/// <param name="Text">The text, UTF-8 decoded, without a byte-order mark.</param>
public sealed record PackageFile(string Path, FileKind Kind, long Bytes, string Text);
