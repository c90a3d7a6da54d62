using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NeedToKnow.Links.Url;

namespace NeedToKnow.Cli.Commands;

/// <summary>
/// <c>ntk bench url --input FILE</c>: parses every <c>{input, base}</c> of FILE (the output of
/// <c>../shared/peers/url/urls.mjs</c>) with the WHATWG URL parser, and prints parses per second, failures and the
/// digest that <c>node_url.mjs</c> prints for Node's parser: the first 16 hex digits of SHA-256 over each result's
/// href, or <c>failure</c>, followed by a newline.
/// </summary>
internal static class BenchUrlCommand
{
    public static Command Create(CliOutput output)
    {
        var input = new Option<FileInfo>("--input") { Description = "A JSON array of {\"input\": ..., \"base\": ...} (urls.mjs output)", Required = true };
        var repeat = new Option<int>("--repeat") { Description = "Timed passes over the file (as node_url.mjs --repeat)", DefaultValueFactory = _ => 5 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed passes first, so the JIT has compiled the parser fully (tiered compilation)", DefaultValueFactory = _ => 5 };
        var format = CommonOptions.Format("text", "json");
        var command = new Command("url", "Time the URL parser on a file of links and print the result digest") { input, repeat, warmup, format };
        command.SetAction(parse => Run(output, parse.GetValue(input)!, parse.GetValue(repeat), parse.GetValue(format)!, parse.GetValue(warmup)));
        return command;
    }

    internal static int Run(CliOutput output, FileInfo file, int repeat, string format, int warmup = 5)
    {
        if (repeat < 1)
        {
            return (int)output.Fail(format, $"`--repeat` must be at least 1, not `{repeat}`");
        }

        if (warmup < 0)
        {
            return (int)output.Fail(format, $"`--warmup` must be 0 or more, not `{warmup}`");
        }

        List<(string Input, string? Base)> cases;
        try
        {
            cases = ReadCases(File.ReadAllBytes(file.FullName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidDataException)
        {
            return (int)output.Fail(format, $"cannot read `{file.FullName}`: {e.Message.TrimEnd('.')}", "give the output of `node urls.mjs --count 100000 --seed 7`");
        }

        var (failures, digest) = Digest(cases);

        // Tiered compilation starts the parser in quick, unoptimised code; timing from the first pass measured the JIT.
        for (var w = 0; w < warmup; w++)
        {
            foreach (var (text, baseText) in cases)
            {
                _ = WhatwgUrl.Parse(text, baseText);
            }
        }

        var stopwatch = Stopwatch.StartNew();
        for (var r = 0; r < repeat; r++)
        {
            foreach (var (text, baseText) in cases)
            {
                _ = WhatwgUrl.Parse(text, baseText);
            }
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        var parses = (long)cases.Count * repeat;
        var perSecond = seconds > 0 ? (long)Math.Round(parses / seconds) : 0;
        var nsPerParse = parses > 0 ? (long)Math.Round(seconds * 1e9 / parses) : 0;
        if (format == "json")
        {
            output.WriteJson(new BenchUrlResult(cases.Count, failures, perSecond, nsPerParse, digest, repeat));
        }
        else
        {
            output.Out.WriteLine($"ntk-url cases={cases.Count} failures={failures} parses/s={perSecond} ns/parse={nsPerParse} digest={digest}");
        }

        return (int)ExitCode.Success;
    }

    /// <summary>One pass: failures and the digest of node_url.mjs (SHA-256 of each href or "failure" plus "\n").</summary>
    internal static (int Failures, string Digest) Digest(List<(string Input, string? Base)> cases)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var failures = 0;
        foreach (var (text, baseText) in cases)
        {
            var result = WhatwgUrl.Parse(text, baseText);
            if (!result.Success)
            {
                failures++;
            }

            hash.AppendData(Encoding.UTF8.GetBytes((result.Url?.Href ?? "failure") + "\n"));
        }

        return (failures, Convert.ToHexStringLower(hash.GetHashAndReset())[..16]);
    }

    private static List<(string Input, string? Base)> ReadCases(byte[] json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("expected a JSON array");
        }

        var cases = new List<(string, string?)>(doc.RootElement.GetArrayLength());
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue; // comments in WPT files, as node_url.mjs skips them
            }

            if (!item.TryGetProperty("input", out var inputElement) || inputElement.ValueKind != JsonValueKind.String)
            {
                throw new InvalidDataException($"item {cases.Count + 1} has no string `input`");
            }

            var input = JsonText(inputElement);
            var baseText = item.TryGetProperty("base", out var b) && b.ValueKind == JsonValueKind.String ? JsonText(b) : null;
            cases.Add((input, baseText));
        }

        return cases;
    }

    // JavaScript strings may hold a lone surrogate ("\ud800" in WPT's data) and Node's parser sees it; System.Text.Json
    // refuses to make such a string, so decode the escapes here and keep the surrogate as .NET strings can.
    private static string JsonText(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            var raw = element.GetRawText();
            var sb = new StringBuilder(raw.Length);
            for (var i = 1; i < raw.Length - 1; i++)
            {
                if (raw[i] != '\\')
                {
                    sb.Append(raw[i]);
                    continue;
                }

                var c = raw[++i];
                sb.Append(c switch
                {
                    'u' => (char)Convert.ToInt32(raw.Substring(i + 1, 4), 16),
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    'b' => '\b',
                    'f' => '\f',
                    _ => c,
                });
                i += c == 'u' ? 4 : 0;
            }

            return sb.ToString();
        }
    }

    private sealed record BenchUrlResult(int Cases, int Failures, long ParsesPerSecond, long NsPerParse, string Digest, int Repeat);
}
