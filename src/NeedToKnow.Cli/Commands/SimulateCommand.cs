using System.CommandLine;
using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeedToKnow.Cli.Commands;

/// <summary>
/// <c>ntk simulate</c>: drives a running <c>ntk serve</c> the way a platform's hosts would: registers programs (the
/// examples/ mini-program under several app ids), then a population of users calling privacy APIs, answering the
/// prompts (most grant, some refuse) and calling again. For demos and load; bounded by count and time.
/// </summary>
internal static class SimulateCommand
{
    /// <summary>Privacy keys the simulated programs try to use without declaring them (each becomes a 112 interception).</summary>
    /// <summary>The most latency samples kept (the percentiles are over the first ones); bounds memory in a long demo.</summary>
    private const int MaxLatencySamples = 1_000_000;

    internal static readonly string[] Undeclared = ["Contact", "Clipboard", "RunData", "Address"];

    public sealed record Options(Uri Server, string OperatorKey, int Users, int Programs, int Rate, int Requests, TimeSpan Duration, int Batch, string Examples, int Seed, string Format, bool Quiet = false);

    public sealed record Summary(long Requests, long Allowed, long Prompted, long Denied, IReadOnlyDictionary<string, long> DeniedByReason, long Answers, double Seconds, double RequestsPerSecond, double DecisionsPerSecond, double P50Ms, double P99Ms, string? StoppedBy = null);

    public static Command Create(CliOutput output)
    {
        var server = new Option<string>("--server") { Description = "Base address of a running ntk serve", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var key = new Option<string?>("--operator-key") { Description = "The operator key (else NTK_OPERATOR_KEY)" };
        var users = new Option<int>("--users") { Description = "Simulated users", DefaultValueFactory = _ => 1000 }.InRange(1, 10_000_000);
        var programs = new Option<int>("--programs") { Description = "Simulated programs (the examples/ program under several app ids)", DefaultValueFactory = _ => 5 }.InRange(1, 10_000);
        var rate = new Option<int>("--rate") { Description = "Target HTTP requests per second (0 = as fast as possible)", DefaultValueFactory = _ => 200 }.InRange(0, 1_000_000);
        var requests = new Option<int>("--requests") { Description = "Stop after this many gate requests", DefaultValueFactory = _ => 2000 }.InRange(1, int.MaxValue);
        var duration = new Option<int>("--duration") { Description = "Stop after this many seconds", DefaultValueFactory = _ => 60 }.InRange(1, 86_400);
        var batch = new Option<int>("--batch") { Description = "Decisions per HTTP request (1 = single decisions, up to 10000)", DefaultValueFactory = _ => 1 }.InRange(1, 10_000);
        var examples = new Option<string?>("--examples") { Description = "The examples/ folder (privacy.json and the mini-program); else found from the working folder, else the copy built into ntk" };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var format = CommonOptions.Format("text", "json");
        var command = new Command("simulate", "Drive a running server with simulated programs and users (demo and load)")
        {
            server, key, users, programs, rate, requests, duration, batch, examples, seed, format,
        };
        command.SetAction((parse, ct) =>
        {
            var operatorKey = parse.GetValue(key) ?? Environment.GetEnvironmentVariable("NTK_OPERATOR_KEY");
            var fmt = parse.GetValue(format)!;
            if (string.IsNullOrEmpty(operatorKey))
            {
                return Task.FromResult((int)output.Fail(fmt, "no operator key", "pass `--operator-key` or set NTK_OPERATOR_KEY"));
            }

            if (!Uri.TryCreate(parse.GetValue(server), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                return Task.FromResult((int)output.Fail(fmt, "`--server` must be an http(s) address"));
            }

            var options = new Options(uri, operatorKey, Math.Max(1, parse.GetValue(users)), Math.Max(1, parse.GetValue(programs)), Math.Max(0, parse.GetValue(rate)),
                Math.Max(1, parse.GetValue(requests)), TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(duration))), Math.Clamp(parse.GetValue(batch), 1, 10_000),
                DemoExamples.Locate(parse.GetValue(examples)), parse.GetValue(seed), fmt);
            return RunAsync(options, output, ct);
        });
        return command;
    }

    internal static async Task<int> RunAsync(Options o, CliOutput output, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = o.Server, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", o.OperatorKey);
        List<(string AppId, string[] Keys)> apps;
        try
        {
            apps = await SetUpAsync(http, o, output, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or JsonException or TaskCanceledException)
        {
            return (int)output.Fail(o.Format, "could not set up the simulation: " + e.Message.Split('\n')[0].TrimEnd('.'));
        }

        var summary = await TrafficAsync(http, o, apps, output, ct).ConfigureAwait(false);
        if (o.Format == "json")
        {
            output.WriteJson(summary);
        }
        else
        {
            output.Out.WriteLine($"simulated {summary.Requests:N0} gate decisions in {summary.Seconds:F1} s ({summary.DecisionsPerSecond:N0}/s): {summary.Allowed:N0} allowed, {summary.Prompted:N0} prompts, {summary.Denied:N0} denied; {summary.Answers:N0} answers");
            foreach (var (reason, count) in summary.DeniedByReason.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                output.Out.WriteLine($"  denied {reason}: {count:N0}");
            }

            output.Out.WriteLine($"latency per HTTP request: p50 {summary.P50Ms:F2} ms, p99 {summary.P99Ms:F2} ms");
        }

        if (summary.StoppedBy is not null)
        {
            // The run did not do what was asked: say so in the exit code, not only in the figures.
            output.Error.WriteLine($"error: the simulation stopped after {summary.Requests:N0} of {o.Requests:N0} decisions: {summary.StoppedBy}");
            return (int)ExitCode.Problems;
        }

        return (int)ExitCode.Success;
    }

    /// <summary>
    /// The demo of <c>ntk serve --demo</c>: registers the programs, then runs traffic until <paramref name="ct"/> is
    /// cancelled, quietly (no progress lines). Returns once the programs are registered (live); the traffic goes on in
    /// the returned task.
    /// </summary>
    /// <exception cref="HttpRequestException">The server refused a registration.</exception>
    internal static async Task<Task<Summary>> StartDemoAsync(Options o, CliOutput output, CancellationToken ct)
    {
        var http = new HttpClient { BaseAddress = o.Server, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", o.OperatorKey);
        List<(string AppId, string[] Keys)> apps;
        try
        {
            apps = await SetUpAsync(http, o, output, ct).ConfigureAwait(false);
        }
        catch
        {
            http.Dispose();
            throw;
        }

        return Task.Run(async () =>
        {
            using (http)
            {
                return await TrafficAsync(http, o, apps, output, ct).ConfigureAwait(false);
            }
        }, CancellationToken.None);
    }

    /// <summary>Registers the programs (idempotent: existing ones are reused) and returns each app id with its declared keys.</summary>
    private static async Task<List<(string, string[])>> SetUpAsync(HttpClient http, Options o, CliOutput output, CancellationToken ct)
    {
        var privacyPath = Path.Combine(o.Examples, "privacy.json");
        if (!File.Exists(privacyPath))
        {
            throw new IOException("no `" + privacyPath + "`: run from the repository root or pass `--examples`");
        }

        var template = JsonNode.Parse(await File.ReadAllTextAsync(privacyPath, ct).ConfigureAwait(false))!.AsObject();
        var keys = template["items"]!.AsArray().Select(i => i!["key"]!.GetValue<string>()).ToArray();
        var zip = ZipFolder(o.Examples);
        var apps = new List<(string, string[])>();
        for (var i = 1; i <= o.Programs; i++)
        {
            var appId = "wxsim" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            apps.Add((appId, keys));
            var existing = await http.GetAsync("/v1/apps/" + appId, ct).ConfigureAwait(false);
            if (existing.IsSuccessStatusCode && (await existing.Content.ReadFromJsonAsync<JsonElement>(ct).ConfigureAwait(false)).GetProperty("liveVersion").ValueKind == JsonValueKind.Number)
            {
                continue;
            }

            var register = await http.PostAsJsonAsync("/v1/apps", new
            {
                appId,
                developerId = "sim-developer",
                developer = new { name = template["developer"]!["name"]!.GetValue<string>(), entityType = "organisation", verified = true },
                serviceCategory = template["serviceCategory"]?.GetValue<string>(),
                admissions = keys,
            }, ct).ConfigureAwait(false);
            await Ensure(register, "register " + appId).ConfigureAwait(false);

            template["appId"] = appId;
            using var form = new MultipartFormDataContent
            {
                { new StringContent(template.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), "declaration", "privacy.json" },
                { new ByteArrayContent(zip), "package", "package.zip" },
            };
            var submitted = await http.PostAsync("/v1/apps/" + appId + "/versions", form, ct).ConfigureAwait(false);
            await Ensure(submitted, "submit " + appId).ConfigureAwait(false);
            var version = (await submitted.Content.ReadFromJsonAsync<JsonElement>(ct).ConfigureAwait(false)).GetProperty("version").GetInt32();
            var approved = await http.PostAsJsonAsync("/v1/apps/" + appId + "/versions/" + version + "/approve", new { reason = "simulation" }, ct).ConfigureAwait(false);
            await Ensure(approved, "approve " + appId).ConfigureAwait(false);
            if (!o.Quiet)
            {
                output.Error.WriteLine("simulate: registered " + appId + " (version " + version + ", keys " + string.Join(", ", keys) + ")");
            }
        }

        return apps;
    }

    private static async Task<Summary> TrafficAsync(HttpClient http, Options o, List<(string AppId, string[] Keys)> apps, CliOutput output, CancellationToken ct)
    {
        var random = new Random(o.Seed);
        long allowed = 0, prompted = 0, denied = 0, answers = 0, sent = 0, requestsSent = 0;
        string? stoppedBy = null;
        var deniedBy = new Dictionary<string, long>(StringComparer.Ordinal);
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        var interval = o.Rate > 0 ? TimeSpan.FromSeconds(1.0 / o.Rate) : TimeSpan.Zero;
        var lastReport = 0L;
        while (sent < o.Requests && clock.Elapsed < o.Duration && !ct.IsCancellationRequested)
        {
            var count = (int)Math.Min(o.Batch, o.Requests - sent);
            var batch = new List<object>(count);
            for (var i = 0; i < count; i++)
            {
                var (appId, keys) = apps[random.Next(apps.Count)];
                var user = "sim-user-" + random.Next(o.Users).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var target = random.NextDouble() < 0.15 ? Undeclared[random.Next(Undeclared.Length)] : keys[random.Next(keys.Length)];
                batch.Add(new { appId, userId = user, target, userGesture = true });
            }

            var started = Stopwatch.GetTimestamp();
            JsonElement[] decisions;
            try
            {
                if (o.Batch == 1)
                {
                    var response = await http.PostAsJsonAsync("/v1/gate/decide", batch[0], ct).ConfigureAwait(false);
                    decisions = [await response.Content.ReadFromJsonAsync<JsonElement>(ct).ConfigureAwait(false)];
                }
                else
                {
                    var response = await http.PostAsJsonAsync("/v1/gate/decide-batch", new { requests = batch }, ct).ConfigureAwait(false);
                    decisions = [.. (await response.Content.ReadFromJsonAsync<JsonElement>(ct).ConfigureAwait(false)).GetProperty("decisions").EnumerateArray()];
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                if (!ct.IsCancellationRequested)
                {
                    stoppedBy = e.Message.Split('\n')[0].TrimEnd('.');
                }

                break;
            }

            if (latencies.Count < MaxLatencySamples)
            {
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            requestsSent++;
            sent += count;
            for (var i = 0; i < decisions.Length; i++)
            {
                var d = decisions[i];
                if (!d.TryGetProperty("kind", out var kind))
                {
                    continue;
                }

                switch (kind.GetString())
                {
                    case "allow":
                        allowed++;
                        break;
                    case "deny":
                        denied++;
                        var reason = d.GetProperty("reason").GetInt32() + " " + d.GetProperty("reasonName").GetString();
                        deniedBy[reason] = deniedBy.GetValueOrDefault(reason) + 1;
                        break;
                    default:
                        prompted++;
                        answers += await AnswerAsync(http, batch[i], d, random, ct).ConfigureAwait(false);
                        break;
                }
            }

            if (!o.Quiet && clock.ElapsedMilliseconds - lastReport >= 2000)
            {
                lastReport = clock.ElapsedMilliseconds;
                output.Error.WriteLine($"simulate: {sent:N0} decisions, {sent / clock.Elapsed.TotalSeconds:N0}/s, {denied:N0} denied");
            }

            if (interval > TimeSpan.Zero)
            {
                var due = interval * requestsSent;
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct).ConfigureAwait(false);
                }
            }
        }

        latencies.Sort();
        var seconds = clock.Elapsed.TotalSeconds;
        return new Summary(sent, allowed, prompted, denied, deniedBy, answers, seconds, requestsSent / seconds, sent / seconds, BenchServeCommand.NearestRank(latencies, 0.50), BenchServeCommand.NearestRank(latencies, 0.99), stoppedBy);
    }

    /// <summary>Answers a prompt as a user would: 85% grant the declaration, 80% authorize a scope.</summary>
    private static async Task<int> AnswerAsync(HttpClient http, object request, JsonElement decision, Random random, CancellationToken ct)
    {
        var prompt = decision.GetProperty("prompt");
        var json = JsonSerializer.SerializeToElement(request);
        var scope = prompt.TryGetProperty("scope", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        var declaration = prompt.GetProperty("kind").GetString() != "ScopeAuthorization";
        var answer = new
        {
            appId = json.GetProperty("appId").GetString(),
            userId = json.GetProperty("userId").GetString(),
            kind = declaration ? "declaration" : "scope",
            keys = declaration ? new[] { prompt.GetProperty("key").GetString() } : null,
            scope,
            granted = random.NextDouble() < (declaration ? 0.85 : 0.8),
            method = prompt.TryGetProperty("separateConsent", out var separate) && separate.GetBoolean() ? "SeparatePopup" : null,
        };
        try
        {
            using var response = await http.PostAsJsonAsync("/v1/gate/answers", answer, ct).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? 1 : 0;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }

    private static async Task Ensure(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            throw new InvalidOperationException(what + ": " + (int)response.StatusCode + " " + body);
        }
    }

    internal static byte[] ZipFolder(string folder)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var name = Path.GetRelativePath(folder, file).Replace('\\', '/');
                if (name == "privacy.json")
                {
                    continue;
                }

                zip.CreateEntryFromFile(file, name, CompressionLevel.Fastest);
            }
        }

        return buffer.ToArray();
    }
}
