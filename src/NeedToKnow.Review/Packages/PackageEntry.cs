namespace NeedToKnow.Review.Packages;

/// <summary>One regular file of a package source (folder or zip) before the app root is known.</summary>
/// <param name="Path">Path relative to the source's top, <c>/</c> separators.</param>
/// <param name="Length">Uncompressed size in bytes (as the zip claims it, for zip entries).</param>
/// <param name="Open">Opens the content for reading.</param>
internal sealed record PackageEntry(string Path, long Length, Func<Stream> Open);
