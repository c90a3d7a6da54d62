using System.Diagnostics;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using NeedToKnow.Links.Url;

namespace NeedToKnow.Benchmarks;

/// <summary>
/// The WHATWG URL parser on the links of <c>../shared/peers/url/urls.mjs --count 100000 --seed 7</c>, the file
/// Node's parser is timed on by <c>node_url.mjs</c> (set <c>NTK_URLS_JSON</c> to use a file made beforehand).
/// One operation parses the whole file.
/// </summary>
[MemoryDiagnoser]
public class UrlParseBenchmark
{
    private (string Input, string? Base)[] _cases = [];

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable("NTK_URLS_JSON");
        var json = path is not null ? File.ReadAllText(path) : Generate();
        using var doc = JsonDocument.Parse(json);
        _cases = doc.RootElement.EnumerateArray()
            .Where(e => e.ValueKind == JsonValueKind.Object)
            .Select(e => (e.GetProperty("input").GetString()!, e.GetProperty("base").ValueKind == JsonValueKind.String ? e.GetProperty("base").GetString() : null))
            .ToArray();
    }

    [Benchmark(Description = "parse urls.json (100,000 links)")]
    public int ParseAll()
    {
        var ok = 0;
        foreach (var (input, baseText) in _cases)
        {
            if (WhatwgUrl.Parse(input, baseText).Success)
            {
                ok++;
            }
        }

        return ok;
    }

    private static string Generate()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "NeedToKnow.slnx")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("NeedToKnow.slnx not found; set NTK_URLS_JSON");
        }

        var peers = Path.GetFullPath(Path.Combine(dir, "..", "shared", "peers", "url"));
        var start = new ProcessStartInfo("node", ["urls.mjs", "--count", "100000", "--seed", "7"]) { WorkingDirectory = peers, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
