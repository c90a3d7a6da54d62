using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeedToKnow.Testing;

namespace NeedToKnow.Server.Tests;

/// <summary>Registers the examples/ program under an app id, submits its package and approves it, as an operator would.</summary>
internal static class ExampleApp
{
    public static async Task<int> RegisterLiveAsync(HttpClient op, string appId)
    {
        var folder = RepoPaths.RepoFile("examples");
        var declaration = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "privacy.json")))!.AsObject();
        declaration["appId"] = appId;
        var keys = declaration["items"]!.AsArray().Select(i => i!["key"]!.GetValue<string>()).ToArray();
        var register = await op.PostAsJsonAsync("/v1/apps", new
        {
            appId,
            developerId = "dev-example",
            developer = new { name = "Corner Shop Trading Co., Ltd.", entityType = "organisation", verified = true },
            serviceCategory = "online-shopping",
            admissions = keys,
        });
        register.EnsureSuccessStatusCode();
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(folder, "miniprogram"), "*", SearchOption.AllDirectories))
            {
                archive.CreateEntryFromFile(file, Path.GetRelativePath(folder, file).Replace('\\', '/'));
            }
        }

        using var form = new MultipartFormDataContent
        {
            { new StringContent(declaration.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), "declaration", "privacy.json" },
            { new ByteArrayContent(zip.ToArray()), "package", "package.zip" },
        };
        var submitted = await op.PostAsync("/v1/apps/" + appId + "/versions", form);
        submitted.EnsureSuccessStatusCode();
        var version = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        (await op.PostAsJsonAsync("/v1/apps/" + appId + "/versions/" + version + "/approve", new { reason = "test" })).EnsureSuccessStatusCode();
        return version;
    }
}
