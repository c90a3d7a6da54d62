namespace NeedToKnow.Testing;

/// <summary>Paths tests need: the repository root and the read-only ../shared folder beside it.</summary>
internal static class RepoPaths
{
    /// <summary>The repository root (the folder holding NeedToKnow.slnx).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shared material (../shared from the repository root); tests read conformance data and the corpus there.</summary>
    /// <remarks>The environment variable <c>NTK_SHARED</c> overrides it, for a clone that does not sit beside the folder.</remarks>
    public static string Shared { get; } = Environment.GetEnvironmentVariable("NTK_SHARED") is { Length: > 0 } shared
        ? Path.GetFullPath(shared)
        : Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>A path under ../shared, failing loudly when it is missing (a conformance file is never skipped silently).</summary>
    public static string SharedFile(params string[] parts)
    {
        var path = Path.Combine([Shared, .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException("shared test data is missing: " + path
                + " (the tests read the shared material beside the clone, ../shared; set NTK_SHARED to its folder when it is elsewhere)");
        }

        return path;
    }

    /// <summary>A path under the repository root.</summary>
    public static string RepoFile(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NeedToKnow.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("NeedToKnow.slnx not found above " + AppContext.BaseDirectory);
    }
}
