using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using NeedToKnow.Cli.Bench;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Gate;

namespace NeedToKnow.Cli.Commands;

/// <summary>
/// <c>ntk bench gate --workload FILE [--threads N] [--seconds S] [--cedar DIR] [--format json]</c>: decides the shared
/// gate workload (../shared/peers/gate) through the real gate, checks the allow/deny counts against the workload's
/// expected ones, and prints decisions per second, ns and bytes allocated per decision, and the cache memory per
/// consent record; with <c>--cedar DIR</c> it also runs the Cedar peer on the same file and prints the ratio.
/// </summary>
internal static class BenchGateCommand
{
    public static Command Create(CliOutput output)
    {
        var workload = new Option<FileInfo>("--workload") { Description = "The workload file made by ../shared/peers/gate/workload.mjs", Required = true };
        var threads = new Option<int>("--threads") { Description = "Threads deciding in parallel", DefaultValueFactory = _ => 1 }.InRange(1, 256);
        var seconds = new Option<double>("--seconds") { Description = "Minimum measuring time in seconds", DefaultValueFactory = _ => 2 }.InRange(0.01, 3600);
        var cedar = new Option<DirectoryInfo?>("--cedar") { Description = "A copy of ../shared/peers/gate with `npm install` done: run its cedar.mjs on the same workload and report the ratio" };
        var format = CommonOptions.Format("text", "json");
        var command = new Command("gate", "Decide a gate workload through the real gate and report throughput and allocation") { workload, threads, seconds, cedar, format };
        command.SetAction(parse => Run(output, new Options(parse.GetValue(workload)!, parse.GetValue(threads), parse.GetValue(seconds), parse.GetValue(cedar), parse.GetValue(format)!)));
        return command;
    }

    internal sealed record Options(FileInfo Workload, int Threads, double Seconds, DirectoryInfo? Cedar, string Format);

    internal sealed record Result(
        string Workload,
        int Apps,
        int ConsentRecords,
        int Requests,
        int Threads,
        long Decisions,
        double Seconds,
        double DecisionsPerSecond,
        double NsPerDecision,
        double BytesPerDecision,
        long Allow,
        long Deny,
        long Prompts,
        long Denials,
        long ExpectedAllow,
        long ExpectedDeny,
        bool Correct,
        double? CacheBytesPerConsentRecord,
        PeerResult? Peer,
        double? RatioToPeer);

    internal sealed record PeerResult(string Name, double DecisionsPerSecond, long Allow, long Deny, bool Correct);

    internal static int Run(CliOutput output, Options options)
    {
        GateWorkload workload;
        try
        {
            using var stream = options.Workload.OpenRead();
            workload = GateWorkload.Load(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return (int)output.Fail(options.Format, "cannot read workload `" + options.Workload.FullName + "`: " + GateWorkload.Describe(e),
                "make one with `node workload.mjs --apps 1000 --users 100000 --requests 200000 --seed 1 > workload.json` in ../shared/peers/gate");
        }

        var rules = GateRules.FromCatalog(PrivacyCatalog.Default);
        var snapshot = workload.BuildSnapshot(rules);
        var (cache, cacheBytes) = workload.BuildCache(rules);
        var gate = new PrivacyGate(snapshot, cache);
        var requests = workload.Requests();

        var counts = GateWorkload.DecideAll(gate, requests, options.Threads); // also the warm-up
        var expected = workload.File.Expected!;
        var correct = counts.Allow == expected.Allow && counts.Prompt + counts.Deny == expected.Deny;
        var (decisions, elapsed, bytes) = GateWorkload.Measure(gate, requests, options.Threads, TimeSpan.FromSeconds(options.Seconds));
        var perSecond = decisions / elapsed.TotalSeconds;

        PeerResult? peer = null;
        if (options.Cedar is not null)
        {
            peer = RunCedar(options.Cedar, options.Workload, out var error);
            if (peer is null)
            {
                return (int)output.Fail(options.Format, "the cedar peer failed: " + error, "run `npm install` in the peer folder (a copy of ../shared/peers/gate)");
            }
        }

        var result = new Result(options.Workload.Name, workload.File.Apps!.Count, (int)cache.Count, requests.Length, options.Threads, decisions, Math.Round(elapsed.TotalSeconds, 3),
            Math.Round(perSecond), Math.Round(elapsed.TotalNanoseconds / decisions * options.Threads, 1), Math.Round((double)bytes / decisions, 3),
            counts.Allow, counts.Prompt + counts.Deny, counts.Prompt, counts.Deny, expected.Allow, expected.Deny, correct,
            cacheBytes > 0 ? Math.Round((double)cacheBytes / Math.Max(1, cache.Count), 1) : null, peer, peer is null ? null : Math.Round(perSecond / peer.DecisionsPerSecond, 1));

        if (options.Format == "json")
        {
            output.WriteJson(result);
        }
        else
        {
            output.Out.WriteLine($"gate: {result.DecisionsPerSecond:F0} decisions/s, {result.NsPerDecision:F1} ns/decision per thread, {result.BytesPerDecision:F3} B/decision, {result.Threads} thread(s)");
            output.Out.WriteLine($"counts: allow={result.Allow} deny={result.Deny} (prompts {result.Prompts}, denials {result.Denials}); expected allow={result.ExpectedAllow} deny={result.ExpectedDeny}: {(correct ? "correct" : "MISMATCH")}");
            output.Out.WriteLine($"workload: {result.Apps} apps, {result.ConsentRecords} consent records (user x app), {result.Requests} requests; cache {(result.CacheBytesPerConsentRecord is { } b ? $"{b:F1} B per consent record" : "too small to measure (the heap shrank while it was built)")}");
            if (peer is not null)
            {
                output.Out.WriteLine($"peer {peer.Name}: {peer.DecisionsPerSecond:F0} decisions/s, allow={peer.Allow} ({(peer.Correct ? "correct" : "MISMATCH")}); ratio {result.RatioToPeer:F1}x");
            }
        }

        if (!correct)
        {
            output.Error.WriteLine($"error: the gate's counts differ from the workload's expected ones: allow {counts.Allow} vs {expected.Allow}");
            return (int)ExitCode.Problems;
        }

        return (int)ExitCode.Success;
    }

    private static PeerResult? RunCedar(DirectoryInfo dir, FileInfo workload, out string error)
    {
        var script = Path.Combine(dir.FullName, "cedar.mjs");
        if (!File.Exists(script))
        {
            error = "`" + script + "` not found";
            return null;
        }

        var start = new ProcessStartInfo("node", [script, workload.FullName]) { WorkingDirectory = dir.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start);
        if (process is null)
        {
            error = "could not start `node`";
            return null;
        }

        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            error = "exit code " + process.ExitCode + ": " + stderr.Split('\n')[0];
            return null;
        }

        using var doc = JsonDocument.Parse(stdout.Split('\n')[0]);
        var root = doc.RootElement;
        var seconds = root.GetProperty("seconds").GetDouble();
        var decisions = root.GetProperty("decisions").GetInt64();
        error = "";
        return new PeerResult(root.GetProperty("peer").GetString() ?? "cedar", Math.Round(decisions / seconds), root.GetProperty("allow").GetInt64(), root.GetProperty("deny").GetInt64(), root.GetProperty("correct").GetBoolean());
    }
}
