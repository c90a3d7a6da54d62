using NeedToKnow.Core.Catalog;
using NeedToKnow.Review;
using NeedToKnow.Review.Packages;

namespace NeedToKnow.Benchmarks;

/// <summary>
/// The review workload the review benchmarks share: the corpus (../shared/corpus), its sizes, and synthetic packages
/// that repeat a corpus package to show how time grows with package size.
/// </summary>
internal static class ReviewCorpus
{
    private static readonly Lazy<string[]> Folders = new(() => [.. Directory.GetDirectories(Root()).Order(StringComparer.Ordinal).Select(d => Path.Combine(d, "src"))]);

    private static readonly Lazy<Sizes> CorpusSizes = new(() => Measure(Folders.Value));

    /// <summary>The src folder of each corpus program, in name order.</summary>
    public static IReadOnlyList<string> Packages => Folders.Value;

    /// <summary>The largest corpus package by bytes (wechat-miniprogram__miniprogram-demo).</summary>
    public static string Largest => Folders.Value.MaxBy(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories).Sum(p => new FileInfo(p).Length))!;

    /// <summary>Source files, their bytes and the bytes of script in the whole corpus, as the reader sees them.</summary>
    public static Sizes Corpus => CorpusSizes.Value;

    /// <summary>Reads and reviews one package the way <c>ntk review</c> does (its privacy.json, if any, is validated too).</summary>
    public static int Review(string folder, ReviewOptions options)
    {
        var package = PackageReader.Read(folder);
        var report = PackageReviewer.Review(package, PackageReviewer.ReadDeclaration(package, PrivacyCatalog.Default), PrivacyCatalog.Default, options);
        return report.Detected.Sum(d => d.Sites.Count);
    }

    /// <summary>Sizes of the packages at <paramref name="folders"/>.</summary>
    public static Sizes Measure(IEnumerable<string> folders)
    {
        long bytes = 0, js = 0;
        var files = 0;
        foreach (var folder in folders)
        {
            var package = PackageReader.Read(folder);
            files += package.Files.Count;
            bytes += package.Files.Sum(f => f.Bytes);
            js += package.Files.Where(f => f.Kind is FileKind.JavaScript or FileKind.TypeScript or FileKind.Wxs).Sum(f => f.Bytes);
        }

        return new Sizes(files, bytes, js);
    }

    /// <summary>
    /// Writes a package that holds <paramref name="scale"/> copies of <paramref name="source"/>: the original at the
    /// top (its app.json is the app root) and copies 2..N under <c>copyN/</c>, so files, bytes and sites grow by the
    /// scale and nothing else changes. Returns the folder; the caller deletes it.
    /// </summary>
    public static string Synthesize(string source, int scale)
    {
        var target = Path.Combine(Path.GetTempPath(), "ntk-review-scale-" + scale + "-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            for (var copy = 1; copy <= scale; copy++)
            {
                var path = copy == 1 ? Path.Combine(target, relative) : Path.Combine(target, "copy" + copy, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.Copy(file, path);
            }
        }

        return target;
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "corpus");
            if (File.Exists(Path.Combine(dir.FullName, "NeedToKnow.slnx")) && Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new DirectoryNotFoundException("../shared/corpus not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Sizes of a set of packages.</summary>
    /// <param name="Files">Source files read.</param>
    /// <param name="Bytes">Their bytes.</param>
    /// <param name="JavaScriptBytes">Bytes of script files (.js .mjs .cjs .ts .wxs) among them.</param>
    public sealed record Sizes(int Files, long Bytes, long JavaScriptBytes);
}
