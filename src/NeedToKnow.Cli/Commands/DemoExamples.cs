namespace NeedToKnow.Cli.Commands;

/// <summary>
/// Finds the examples/ program for <c>ntk serve --demo</c>: the folder given, else examples/ in the working folder or
/// one of its parents, else beside the binary or one of its parents (a build output inside the repository), else the
/// copy embedded in <c>ntk</c>, written out to a temporary folder.
/// </summary>
internal static class DemoExamples
{
    public static string Locate(string? given)
    {
        if (given is not null)
        {
            return given;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "examples");
                if (File.Exists(Path.Combine(candidate, "privacy.json")))
                {
                    return candidate;
                }
            }
        }

        return Extract();
    }

    /// <summary>Writes the embedded examples/ to a new temporary folder and returns its path.</summary>
    internal static string Extract()
    {
        var assembly = typeof(DemoExamples).Assembly;
        var root = Directory.CreateTempSubdirectory("ntk-demo-examples-").FullName;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("examples/", StringComparison.Ordinal)))
        {
            var path = Path.Combine(root, name["examples/".Length..].Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var from = assembly.GetManifestResourceStream(name)!;
            using var to = File.Create(path);
            from.CopyTo(to);
        }

        return root;
    }
}
