using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using NeedToKnow.Core.Consent;
using NeedToKnow.Core.Gate;

namespace NeedToKnow.Cli.Bench;

/// <summary>
/// The shared gate workload of ../shared/peers/gate (<c>workload.mjs</c>): apps with declared keys, users'
/// consents, requests, and the expected allow/deny counts under "allow iff declared and consented" (checks 3 and 4,
/// every other check passing). Loaded into the real <see cref="PrivacyGate"/>: every app is live, verified and
/// admitted; each consent is a separate grant of its keys plus a grant of each key's scope; every request carries a
/// user gesture.
/// </summary>
internal sealed class GateWorkload
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private GateWorkload(WorkloadFile file)
    {
        File = file;
    }

    public WorkloadFile File { get; }

    public static GateWorkload Load(Stream stream)
    {
        var file = JsonSerializer.Deserialize<WorkloadFile>(stream, Json) ?? throw new JsonException("the workload is empty");
        if (file.Apps is null || file.Consents is null || file.Requests is null || file.Expected is null)
        {
            throw new JsonException("the workload lacks one of `apps`, `consents`, `requests`, `expected`");
        }

        if (file.Requests.Count == 0)
        {
            throw new JsonException("the workload holds no requests: there is nothing to measure");
        }

        return new GateWorkload(file);
    }

    /// <summary>A load error in the user's terms: System.Text.Json's "could not be converted to System.String" names the field instead.</summary>
    /// <param name="e">The error from <see cref="Load"/> or the file.</param>
    /// <returns>One line.</returns>
    public static string Describe(Exception e)
    {
        if (e is JsonException json && json.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return json.Path is null or "$" ? "expected the JSON object that workload.mjs writes" : $"`{json.Path.TrimStart('$', '.')}` has the wrong type";
        }

        if (e is JsonException syntax && syntax.LineNumber is { } line)
        {
            return $"not valid JSON at line {line + 1}, column {(syntax.BytePositionInLine ?? 0) + 1}";
        }

        return e.Message.Split('\n')[0].TrimEnd('.');
    }

    /// <summary>Builds the declaration snapshot of the workload's apps.</summary>
    public DeclarationSnapshot BuildSnapshot(GateRules rules)
    {
        var developer = new DeveloperInfo("Workload Developer Ltd.", "organisation", true);
        var apps = new List<LiveAppDeclaration>(File.Apps!.Count);
        foreach (var a in File.Apps)
        {
            var items = new DeclaredItem[a.Declared.Count];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = new DeclaredItem(a.Declared[i], "purpose of " + a.Declared[i], true);
            }

            var version = new DeclarationVersion(a.Id, 1, items, null, DateTimeOffset.UnixEpoch);
            apps.Add(new LiveAppDeclaration(new AppRecord(a.Id, AppStatus.Live, 1, developer, File.Keys ?? [], []), version));
        }

        return DeclarationSnapshot.Build(rules, apps);
    }

    /// <summary>The consent events of the workload: per consent a separate grant of its keys and a grant of each key's scope.</summary>
    public IEnumerable<ConsentEvent> Events(GateRules rules)
    {
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var purposes = new Dictionary<string, PurposeHash>(StringComparer.Ordinal);
        long seq = 0;
        foreach (var c in File.Consents!)
        {
            var items = new ConsentItem[c.Keys.Count];
            for (var i = 0; i < items.Length; i++)
            {
                var key = c.Keys[i];
                if (!purposes.TryGetValue(key, out var hash))
                {
                    purposes[key] = hash = PurposeHash.Of("purpose of " + key);
                }

                items[i] = new ConsentItem(key, hash);
            }

            yield return new ConsentEvent(Guid.Empty, ConsentEventKind.DeclarationGranted, c.User, c.App, t, 1, items, null, ConsentMethod.SeparatePopup, ++seq);
            foreach (var key in c.Keys)
            {
                if (rules.ScopeOf(key) is { } scope)
                {
                    yield return new ConsentEvent(Guid.Empty, ConsentEventKind.ScopeGranted, c.User, c.App, t, 0, [], scope, ConsentMethod.ScopePopup, ++seq);
                }
            }
        }
    }

    /// <summary>The workload's requests as gate requests (with a user gesture, at one instant).</summary>
    public GateRequest[] Requests()
    {
        var t = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);
        var result = new GateRequest[File.Requests!.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var r = File.Requests[i];
            result[i] = new GateRequest(r.App, r.User, r.Key, true, t);
        }

        return result;
    }

    /// <summary>Loads the consents into a fresh cache, measuring the managed memory it holds.</summary>
    public (ConsentCache Cache, long Bytes) BuildCache(GateRules rules)
    {
        var events = Events(rules).ToList();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var cache = new ConsentCache();
        foreach (var e in events)
        {
            cache.Apply(e);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(events);
        return (cache, after - before);
    }

    /// <summary>Decides every request once, on <paramref name="threads"/> threads, and counts outcomes.</summary>
    public static Counts DecideAll(PrivacyGate gate, GateRequest[] requests, int threads)
    {
        var counts = new Counts[threads];
        RunParallel(requests, threads, (slice, t) =>
        {
            long allow = 0, prompt = 0, deny = 0;
            foreach (ref readonly var r in slice)
            {
                switch (gate.Decide(in r).Kind)
                {
                    case DecisionKind.Allow: allow++; break;
                    case DecisionKind.Prompt: prompt++; break;
                    default: deny++; break;
                }
            }

            counts[t] = new Counts(allow, prompt, deny);
        });
        var total = new Counts(0, 0, 0);
        foreach (var c in counts)
        {
            total = new Counts(total.Allow + c.Allow, total.Prompt + c.Prompt, total.Deny + c.Deny);
        }

        return total;
    }

    /// <summary>
    /// Decides the requests repeatedly for at least <paramref name="minTime"/>; returns decisions, elapsed time and the
    /// bytes the deciding threads allocated (each worker counts its own, so other work in the process is not counted).
    /// </summary>
    public static (long Decisions, TimeSpan Elapsed, long Bytes) Measure(PrivacyGate gate, GateRequest[] requests, int threads, TimeSpan minTime)
    {
        long decisions = 0;
        long bytes = 0;
        var watch = Stopwatch.StartNew();
        do
        {
            RunParallel(requests, threads, (slice, _) =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var sink = 0;
                foreach (ref readonly var r in slice)
                {
                    sink += (int)gate.Decide(in r).Kind;
                }

                Interlocked.Add(ref bytes, GC.GetAllocatedBytesForCurrentThread() - before);
                GC.KeepAlive(sink);
            });
            decisions += requests.Length;
        }
        while (watch.Elapsed < minTime);
        watch.Stop();
        return (decisions, watch.Elapsed, bytes);
    }

    private delegate void SliceAction(ReadOnlySpan<GateRequest> slice, int thread);

    private static void RunParallel(GateRequest[] requests, int threads, SliceAction action)
    {
        if (threads == 1)
        {
            action(requests, 0);
            return;
        }

        var workers = new Thread[threads];
        var per = (requests.Length + threads - 1) / threads;
        for (var t = 0; t < threads; t++)
        {
            var index = t;
            workers[t] = new Thread(() =>
            {
                var start = Math.Min(requests.Length, index * per);
                var end = Math.Min(requests.Length, start + per);
                action(requests.AsSpan(start, end - start), index);
            });
            workers[t].Start();
        }

        foreach (var w in workers)
        {
            w.Join();
        }
    }

    internal readonly record struct Counts(long Allow, long Prompt, long Deny);

    internal sealed class WorkloadFile
    {
        public int Seed { get; init; }
        public List<string>? Keys { get; init; }
        public List<WorkloadApp>? Apps { get; init; }
        public List<WorkloadConsent>? Consents { get; init; }
        public List<WorkloadRequest>? Requests { get; init; }
        public WorkloadExpected? Expected { get; init; }
    }

    internal sealed record WorkloadApp(string Id, List<string> Declared);

    internal sealed record WorkloadConsent(string User, string App, List<string> Keys);

    internal sealed record WorkloadRequest(string User, string App, string Key);

    internal sealed record WorkloadExpected(long Allow, long Deny);
}
