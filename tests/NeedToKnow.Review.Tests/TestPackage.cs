using System.IO.Compression;
using System.Text;
using NeedToKnow.Core.Diagnostics;

namespace NeedToKnow.Review.Tests;

/// <summary>Builds throw-away packages (folders and zips) for tests, and asserts whole diagnostics (STYLE.md H6).</summary>
internal sealed class TestPackage : IDisposable
{
    public TestPackage()
    {
        Folder = Path.Combine(Path.GetTempPath(), "ntk-review-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string Write(string relative, string content) => Write(relative, Encoding.UTF8.GetBytes(content));

    public string Write(string relative, byte[] content)
    {
        var path = Path.Combine(Folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Writes a zip beside the folder; each entry is (name, bytes, unix mode or 0).</summary>
    public string Zip(string name, params (string Name, byte[] Content, int UnixMode)[] entries)
    {
        var path = Path.Combine(Folder, name);
        using var stream = File.Create(path);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create);
        foreach (var (entryName, content, mode) in entries)
        {
            var entry = zip.CreateEntry(entryName, CompressionLevel.Optimal);
            if (mode != 0)
            {
                entry.ExternalAttributes = mode << 16;
            }

            using var s = entry.Open();
            s.Write(content);
        }

        return path;
    }

    public static (string, byte[], int) Entry(string name, string content, int mode = 0) => (name, Encoding.UTF8.GetBytes(content), mode);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static void AssertDiagnostic(Diagnostic d, string code, string message, string? file = null, int line = 0, int column = 0)
    {
        Assert.Equal(code, d.Code);
        Assert.Equal(message, d.Message);
        Assert.False(string.IsNullOrEmpty(d.Help));
        Assert.Equal(file, d.Location?.File);
        Assert.Equal(line, d.Location?.Line ?? 0);
        Assert.Equal(column, d.Location?.Column ?? 0);
    }
}
