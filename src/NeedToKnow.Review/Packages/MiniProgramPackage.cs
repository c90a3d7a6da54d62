using NeedToKnow.Core.Diagnostics;

namespace NeedToKnow.Review.Packages;

/// <summary>
/// A mini-program package as read by <see cref="PackageReader"/>: the app root, the source files under it (decoded,
/// ordered by path) and the problems met while reading.
/// </summary>
public sealed class MiniProgramPackage
{
    internal MiniProgramPackage(string source, string root, IReadOnlyList<PackageFile> files, IReadOnlyList<Diagnostic> diagnostics, int fileCount, long byteCount, IReadOnlyDictionary<FileKind, int> skipped, string? projectAppId = null)
    {
        ProjectAppId = projectAppId;
        Source = source;
        Root = root;
        Files = files;
        Diagnostics = diagnostics;
        FileCount = fileCount;
        ByteCount = byteCount;
        Skipped = skipped;
    }

    /// <summary>The path the package was read from (folder or .zip), as given.</summary>
    public string Source { get; }

    /// <summary>The app root inside <see cref="Source"/>, <c>/</c> separators, <c>""</c> when it is the top.</summary>
    public string Root { get; }

    /// <summary>The source files under the app root that were read (<c>.js .ts .wxml .wxs .json</c>), ordered by path (ordinal).</summary>
    public IReadOnlyList<PackageFile> Files { get; }

    /// <summary>Problems met while reading (limits, escapes, encoding), in the order met.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Regular files under the app root, of every kind, including those skipped.</summary>
    public int FileCount { get; }

    /// <summary>Bytes of the files counted in <see cref="FileCount"/> (uncompressed).</summary>
    public long ByteCount { get; }

    /// <summary>Source files not read because of a limit, by kind.</summary>
    public IReadOnlyDictionary<FileKind, int> Skipped { get; }

    /// <summary>
    /// The <c>appid</c> of the project.config.json that <see cref="PackageReader"/> used to find the app root (the
    /// shallowest one), or null when there is none, it is blank, or it is the devtools' <c>touristappid</c>.
    /// </summary>
    public string? ProjectAppId { get; }

    /// <summary>The file at <paramref name="path"/> (relative to the app root), or null.</summary>
    /// <param name="path">A path such as <c>app.json</c>.</param>
    /// <returns>The file or null.</returns>
    public PackageFile? File(string path)
    {
        foreach (var file in Files)
        {
            if (string.Equals(file.Path, path, StringComparison.Ordinal))
            {
                return file;
            }
        }

        return null;
    }
}
