using System.IO.Compression;
using System.Text;
using System.Text.Json;
using NeedToKnow.Core.Diagnostics;
using NeedToKnow.Review.Rules;

namespace NeedToKnow.Review.Packages;

/// <summary>
/// Reads a mini-program package from a folder or a .zip, safely: every limit of <see cref="ReviewLimits"/> is
/// checked, entries and links that leave the root are refused, and each problem becomes a diagnostic while the rest
/// of the package is still read.
/// </summary>
/// <remarks>
/// The app root is the folder of <c>app.json</c>, or <c>miniprogramRoot</c> of <c>project.config.json</c>
/// (https://developers.weixin.qq.com/miniprogram/dev/devtools/projectconfig.html). <c>node_modules/</c> and
/// dot-folders are not package content and are not read.
/// </remarks>
public static class PackageReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the package at <paramref name="path"/>.</summary>
    /// <param name="path">A folder or a .zip file.</param>
    /// <param name="limits">The limits, or null for <see cref="ReviewLimits.Default"/>.</param>
    /// <returns>The package; problems are in <see cref="MiniProgramPackage.Diagnostics"/>, never thrown.</returns>
    public static MiniProgramPackage Read(string path, ReviewLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        limits ??= ReviewLimits.Default;
        var diagnostics = new List<Diagnostic>();
        if (Directory.Exists(path))
        {
            return Build(path, ListFolder(path, limits, diagnostics), limits, diagnostics);
        }

        if (!File.Exists(path))
        {
            diagnostics.Add(ReviewRules.Create("NTK-PKG-001", "`" + path + "` is neither a folder nor a file"));
            return Empty(path, diagnostics);
        }

        ZipArchive zip;
        try
        {
            zip = new ZipArchive(File.OpenRead(path), ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(ReviewRules.Create("NTK-PKG-001", "`" + path + "` is not a readable zip file: " + Lower(e.Message)));
            return Empty(path, diagnostics);
        }

        using (zip)
        {
            return Build(path, ListZip(zip, limits, diagnostics), limits, diagnostics);
        }
    }

    private static MiniProgramPackage Empty(string path, List<Diagnostic> diagnostics) =>
        new(path, "", [], diagnostics, 0, 0, new Dictionary<FileKind, int>());

    private static List<PackageEntry> ListFolder(string top, ReviewLimits limits, List<Diagnostic> diagnostics)
    {
        var rootFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(top));
        var entries = new List<PackageEntry>();
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(rootFull));
        var tooMany = false;
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            FileSystemInfo[] children;
            try
            {
                children = dir.GetFileSystemInfos();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(ReviewRules.Create("NTK-PKG-001", "folder `" + Relative(rootFull, dir.FullName) + "` cannot be read: " + Lower(e.Message)));
                continue;
            }

            foreach (var child in children)
            {
                var relative = Relative(rootFull, child.FullName);
                // The attributes come with the directory listing; only a link costs a readlink(2).
                var isLink = (child.Attributes & FileAttributes.ReparsePoint) != 0 && child.LinkTarget is not null;
                if (isLink)
                {
                    var target = SafeResolve(child);
                    if (target is null || !IsUnder(rootFull, target))
                    {
                        diagnostics.Add(ReviewRules.Create(
                            "NTK-PKG-011",
                            "symbolic link `" + relative + "` points to `" + child.LinkTarget + "`, outside the package root",
                            relative));
                        continue;
                    }

                    if (child is DirectoryInfo || Directory.Exists(target))
                    {
                        // Its content is already under the root; following it could loop.
                        continue;
                    }
                }

                if (child is DirectoryInfo sub)
                {
                    if (!IsExcludedFolder(sub.Name))
                    {
                        pending.Push(sub);
                    }

                    continue;
                }

                if (entries.Count >= limits.MaxEntries)
                {
                    tooMany = true;
                    continue;
                }

                var full = child.FullName;
                // Unbuffered: ReadCapped reads each file whole into its own array, so a FileStream buffer would only be garbage.
                var length = !isLink && child is FileInfo file ? file.Length : new FileInfo(full).Length;
                entries.Add(new PackageEntry(relative, length, () => new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0)));
            }
        }

        if (tooMany)
        {
            diagnostics.Add(LimitExceeded("NTK-PKG-014", "the package has more files than", "maxEntries", limits.MaxEntries, CountFiles(rootFull), null));
        }

        return entries;
    }

    private static long CountFiles(string root)
    {
        try
        {
            return Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }).LongCount();
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private static List<PackageEntry> ListZip(ZipArchive zip, ReviewLimits limits, List<Diagnostic> diagnostics)
    {
        var entries = new List<PackageEntry>();
        var all = zip.Entries;
        if (all.Count > limits.MaxEntries)
        {
            diagnostics.Add(LimitExceeded("NTK-PKG-014", "the zip has more entries than", "maxEntries", limits.MaxEntries, all.Count, null));
        }

        var count = Math.Min(all.Count, limits.MaxEntries);
        for (var i = 0; i < count; i++)
        {
            var entry = all[i];
            var name = entry.FullName.Replace('\\', '/');
            if (name.EndsWith('/'))
            {
                continue;
            }

            if (Escapes(name))
            {
                diagnostics.Add(ReviewRules.Create("NTK-PKG-010", "zip entry `" + entry.FullName + "` escapes the package root; it was not read"));
                continue;
            }

            var unixMode = (entry.ExternalAttributes >> 16) & 0xF000;
            if (unixMode == 0xA000)
            {
                // A symbolic link stored in the zip: its content is the target. Links are never followed; one that
                // leaves the root is reported.
                var target = ReadLinkTarget(entry);
                var resolved = ResolveRelative(name, target);
                if (resolved is null)
                {
                    diagnostics.Add(ReviewRules.Create("NTK-PKG-011", "symbolic link `" + name + "` points to `" + target + "`, outside the package root", name));
                }

                continue;
            }

            if (IsExcludedPath(name))
            {
                continue;
            }

            var length = entry.Length;
            var compressed = entry.CompressedLength;
            if (length > 0 && (compressed == 0 || length / Math.Max(1, compressed) > limits.MaxCompressionRatio))
            {
                diagnostics.Add(ReviewRules.Create(
                    "NTK-PKG-012",
                    "zip entry `" + name + "` expands " + (compressed == 0 ? "from 0 bytes" : (length / compressed) + " times") + " (" + compressed + " to " + length + " bytes), over the limit `maxCompressionRatio` = " + limits.MaxCompressionRatio + "; it was not read",
                    name));
                continue;
            }

            var captured = entry;
            entries.Add(new PackageEntry(name, length, captured.Open));
        }

        return entries;
    }

    private static string ReadLinkTarget(ZipArchiveEntry entry)
    {
        if (entry.Length > 4096)
        {
            return "(a target longer than 4096 bytes)";
        }

        using var stream = entry.Open();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>The package-relative path a link at <paramref name="linkPath"/> to <paramref name="target"/> names, or null when it leaves the root.</summary>
    private static string? ResolveRelative(string linkPath, string target)
    {
        if (target.StartsWith('/') || target.StartsWith('\\') || (target.Length > 1 && target[1] == ':'))
        {
            return null;
        }

        var parts = new List<string>(linkPath.Split('/')[..^1]);
        foreach (var part in target.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    private static MiniProgramPackage Build(string source, List<PackageEntry> entries, ReviewLimits limits, List<Diagnostic> diagnostics)
    {
        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        var root = FindAppRoot(entries, limits, diagnostics, out var projectAppId);
        var prefix = root.Length == 0 ? "" : root + "/";
        var files = new List<PackageFile>();
        var skipped = new Dictionary<FileKind, int>();
        var fileCount = 0;
        long byteCount = 0;
        long total = 0;
        var totalReported = false;
        foreach (var entry in entries)
        {
            if (!entry.Path.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var path = entry.Path[prefix.Length..];
            fileCount++;
            byteCount += entry.Length;
            if (KindOf(path) is not { } kind)
            {
                continue;
            }

            if (entry.Length > limits.MaxFileBytes)
            {
                diagnostics.Add(LimitExceeded("NTK-PKG-015", "`" + path + "` is larger than", "maxFileBytes", limits.MaxFileBytes, entry.Length, path, " bytes"));
                Count(skipped, kind);
                continue;
            }

            if (total + entry.Length > limits.MaxTotalBytes)
            {
                if (!totalReported)
                {
                    diagnostics.Add(LimitExceeded("NTK-PKG-013", "the package's source files are larger than", "maxTotalBytes", limits.MaxTotalBytes, total + entry.Length, null, " bytes"));
                    totalReported = true;
                }

                Count(skipped, kind);
                continue;
            }

            var bytes = ReadCapped(entry, limits.MaxFileBytes, out var error);
            if (bytes is null)
            {
                diagnostics.Add(error ?? ReviewRules.Create("NTK-PKG-001", "`" + path + "` cannot be read", path));
                Count(skipped, kind);
                continue;
            }

            if (bytes.Length > limits.MaxFileBytes)
            {
                // The zip claimed a smaller size than the content has.
                diagnostics.Add(LimitExceeded("NTK-PKG-015", "`" + path + "` is larger than", "maxFileBytes", limits.MaxFileBytes, bytes.Length, path, " bytes"));
                Count(skipped, kind);
                continue;
            }

            total += bytes.Length;
            var text = Decode(bytes, path, diagnostics);
            var (longest, line) = LongestLine(text);
            if (longest > limits.MaxLineLength)
            {
                diagnostics.Add(ReviewRules.Create(
                    "NTK-PKG-017",
                    "`" + path + "` line " + line + " is " + longest + " characters long, over the limit `maxLineLength` = " + limits.MaxLineLength + "; the file was not reviewed",
                    path,
                    line,
                    1));
                Count(skipped, kind);
                continue;
            }

            files.Add(new PackageFile(path, kind, bytes.Length, text));
        }

        return new MiniProgramPackage(source, root, files, diagnostics, fileCount, byteCount, skipped, projectAppId);
    }

    private static string FindAppRoot(List<PackageEntry> entries, ReviewLimits limits, List<Diagnostic> diagnostics, out string? projectAppId)
    {
        projectAppId = null;
        PackageEntry? config = null;
        PackageEntry? app = null;
        foreach (var entry in entries)
        {
            var name = entry.Path[(entry.Path.LastIndexOf('/') + 1)..];
            if (name == "project.config.json" && (config is null || Depth(entry.Path) < Depth(config.Path)))
            {
                config = entry;
            }
            else if (name == "app.json" && (app is null || Depth(entry.Path) < Depth(app.Path)))
            {
                app = entry;
            }
        }

        if (config is not null && config.Length <= limits.MaxFileBytes)
        {
            var dir = DirectoryOf(config.Path);
            var bytes = ReadCapped(config, limits.MaxFileBytes, out _);
            if (bytes is not null)
            {
                try
                {
                    using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
                    if (doc.RootElement.ValueKind == JsonValueKind.Object
                        && doc.RootElement.TryGetProperty("appid", out var id)
                        && id.ValueKind == JsonValueKind.String
                        && id.GetString()!.Trim() is { Length: > 0 and <= 64 } appId
                        && appId != "touristappid")
                    {
                        projectAppId = appId;
                    }

                    if (doc.RootElement.ValueKind == JsonValueKind.Object
                        && doc.RootElement.TryGetProperty("miniprogramRoot", out var mr)
                        && mr.ValueKind == JsonValueKind.String
                        && mr.GetString() is { Length: > 0 } miniRoot)
                    {
                        var resolved = ResolveRelative(dir.Length == 0 ? "x" : dir + "/x", miniRoot.TrimEnd('/'));
                        if (resolved is not null)
                        {
                            return resolved;
                        }
                    }
                }
                catch (JsonException)
                {
                    // Fall back to app.json below.
                }
            }
        }

        if (app is not null)
        {
            return DirectoryOf(app.Path);
        }

        diagnostics.Add(ReviewRules.Create("NTK-PKG-002", "no `app.json` was found, so the whole input is reviewed as the app root"));
        return "";
    }

    private static byte[]? ReadCapped(PackageEntry entry, long cap, out Diagnostic? error)
    {
        error = null;
        try
        {
            using var stream = entry.Open();

            // Read straight into an array of the announced size (one allocation per file, STYLE.md H8); a zip entry can
            // announce less than it holds, so one more byte is probed, and only then the rest is read, up to cap + 1.
            var announced = (int)Math.Min(Math.Max(entry.Length, 0), cap);
            var bytes = new byte[announced];
            var read = stream.ReadAtLeast(bytes, announced, throwOnEndOfStream: false);
            if (read < announced)
            {
                return bytes[..read];
            }

            Span<byte> probe = stackalloc byte[1];
            if (stream.Read(probe) == 0)
            {
                return bytes;
            }

            using var buffer = new MemoryStream();
            buffer.Write(bytes);
            buffer.Write(probe);
            var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
            try
            {
                int n;
                while (buffer.Length <= cap && (n = stream.Read(chunk, 0, chunk.Length)) > 0)
                {
                    buffer.Write(chunk, 0, n);
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
            }

            return buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error = ReviewRules.Create("NTK-PKG-001", "`" + entry.Path + "` cannot be read: " + Lower(e.Message), entry.Path);
            return null;
        }
    }

    private static string Decode(byte[] bytes, string path, List<Diagnostic> diagnostics)
    {
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            var offset = start + Math.Max(0, e.Index);
            var line = 1;
            var lineStart = 0;
            for (var i = 0; i < offset && i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            diagnostics.Add(ReviewRules.Create("NTK-PKG-016", "`" + path + "` is not valid UTF-8 at byte " + offset + " (line " + line + ")", path, line, offset - lineStart + 1));
            return Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
        }
    }

    private static (int Longest, int Line) LongestLine(string text)
    {
        var longest = 0;
        var longestLine = 1;
        var line = 1;
        var start = 0;
        var span = text.AsSpan();
        while (true)
        {
            var nl = span[start..].IndexOf('\n');
            var end = nl < 0 ? text.Length : start + nl;
            if (end - start > longest)
            {
                longest = end - start;
                longestLine = line;
            }

            if (nl < 0)
            {
                return (longest, longestLine);
            }

            start = end + 1;
            line++;
        }
    }

    internal static FileKind? KindOf(string path)
    {
        var dot = path.LastIndexOf('.');
        var ext = dot < 0 ? "" : path[(dot + 1)..];
        return ext switch
        {
            "js" or "mjs" or "cjs" => FileKind.JavaScript,
            "ts" when !path.EndsWith(".d.ts", StringComparison.Ordinal) => FileKind.TypeScript,
            "wxml" => FileKind.Wxml,
            "wxs" => FileKind.Wxs,
            "json" => FileKind.Json,
            _ => null,
        };
    }

    private static Diagnostic LimitExceeded(string id, string what, string limit, long configured, long observed, string? file, string unit = "")
    {
        var message = what + " the limit `" + limit + "` (" + configured + unit + "): " + observed + unit + "; the rest of the package is reviewed";
        return ReviewRules.Create(id, message, file);
    }

    private static void Count(Dictionary<FileKind, int> skipped, FileKind kind) =>
        skipped[kind] = skipped.TryGetValue(kind, out var n) ? n + 1 : 1;

    private static bool Escapes(string name)
    {
        if (name.StartsWith('/') || (name.Length > 1 && name[1] == ':') || name.Contains('\0'))
        {
            return true;
        }

        foreach (var part in name.Split('/'))
        {
            if (part == "..")
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsExcludedFolder(string name) => name == "node_modules" || name.StartsWith('.');

    private static bool IsExcludedPath(string path)
    {
        foreach (var part in path.Split('/')[..^1])
        {
            if (IsExcludedFolder(part))
            {
                return true;
            }
        }

        return false;
    }

    private static string? SafeResolve(FileSystemInfo info)
    {
        try
        {
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            return target is null ? null : Path.GetFullPath(target.FullName);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsUnder(string root, string path) =>
        path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || path == root;

    private static string Relative(string root, string full) => Path.GetRelativePath(root, full).Replace('\\', '/');

    private static int Depth(string path) => path.Count(c => c == '/');

    private static string DirectoryOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    private static string Lower(string message) => message.Length == 0 ? message : char.ToLowerInvariant(message[0]) + message[1..].TrimEnd('.');
}
