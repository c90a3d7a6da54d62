using System.Collections.Frozen;
using System.Reflection;

namespace NeedToKnow.Server.Hosting;

/// <summary>Serves the dashboard and user pages from resources embedded in this assembly (no CDN, no files on disk).</summary>
internal static class StaticPages
{
    private static readonly FrozenDictionary<string, (byte[] Body, string ContentType)> Files = Load();

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Redirect("/dashboard")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/dashboard", () => Serve("dashboard.html")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/me", () => Serve("me.html")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/assets/{**path}", (string path) => Serve(path)).AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult Serve(string path) =>
        Files.TryGetValue(path, out var file)
            ? Results.Bytes(file.Body, file.ContentType)
            : Problems.NotFound("no page `" + path + "`");

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith("wwwroot/", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var relative = name["wwwroot/".Length..];
            files[relative] = (buffer.ToArray(), ContentType(relative));
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string path) => Path.GetExtension(path) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".md" => "text/markdown; charset=utf-8",
        _ => "application/octet-stream",
    };
}
