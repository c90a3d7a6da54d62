using System.CommandLine;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace NeedToKnow.Cli.Commands;

/// <summary>
/// <c>ntk bench serve --rate R</c>: an open-loop (fixed-rate) load of single gate decisions against a running
/// <c>ntk serve</c> over HTTP/1.1 keep-alive. Request k of the run is due at <c>start + k / R</c>; connection c sends
/// requests c, c + N, c + 2N, ... Latency is measured from the due time (or from the send, when a request goes out
/// up to 1 ms early because timers wake in whole milliseconds), so a slow response that
/// delays the next send on its connection counts against the server (no coordinated omission). The mix is the one of
/// scripts/bench/gate-decide.lua: 80% allowed, 10% denied with 112, 10% prompts over 1,000 users.
/// </summary>
internal static class BenchServeCommand
{
    public static Command Create(CliOutput output)
    {
        var server = new Option<string>("--server") { Description = "Base address of a running ntk serve (http only)", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var key = new Option<string?>("--key") { Description = "A host or operator key (else NTK_KEY)" };
        var rate = new Option<int>("--rate") { Description = "Requests per second to send, on schedule", Required = true };
        var connections = new Option<int>("--connections") { Description = "Keep-alive connections", DefaultValueFactory = _ => 16 };
        var duration = new Option<int>("--duration") { Description = "Measured seconds", DefaultValueFactory = _ => 15 };
        var warmup = new Option<int>("--warmup") { Description = "Seconds at the same rate before measuring", DefaultValueFactory = _ => 3 };
        var app = new Option<string>("--app") { Description = "The live app id to decide for", DefaultValueFactory = _ => "wxsim0001" };
        var format = CommonOptions.Format("text", "json");
        var command = new Command("serve", "Fixed-rate (open-loop) single gate decisions against a running server: latency percentiles from the due time")
        {
            server, key, rate, connections, duration, warmup, app, format,
        };
        command.SetAction((parse, ct) =>
        {
            var fmt = parse.GetValue(format)!;
            var presented = parse.GetValue(key) ?? Environment.GetEnvironmentVariable("NTK_KEY");
            if (string.IsNullOrEmpty(presented))
            {
                return Task.FromResult((int)output.Fail(fmt, "no key", "pass `--key` or set NTK_KEY (a host or operator key)"));
            }

            if (!Uri.TryCreate(parse.GetValue(server), UriKind.Absolute, out var uri) || uri.Scheme != "http")
            {
                return Task.FromResult((int)output.Fail(fmt, $"`--server` must be an http:// address, not `{parse.GetValue(server)}`"));
            }

            var o = new Options(uri, presented, parse.GetValue(rate), parse.GetValue(connections), parse.GetValue(duration), parse.GetValue(warmup), parse.GetValue(app)!, fmt);
            return RunAsync(o, output, ct);
        });
        return command;
    }

    internal sealed record Options(Uri Server, string Key, int Rate, int Connections, int Duration, int Warmup, string App, string Format);

    internal sealed record Result(int Rate, int Connections, int Duration, long Requests, double AchievedPerSecond, long Errors, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs, double SendLagP99Ms);

    internal static async Task<int> RunAsync(Options o, CliOutput output, CancellationToken ct)
    {
        if (o.Rate < 1 || o.Connections < 1 || o.Duration < 1 || o.Warmup < 0)
        {
            return (int)output.Fail(o.Format, $"`--rate`, `--connections` and `--duration` must be at least 1 and `--warmup` 0 or more (got {o.Rate}, {o.Connections}, {o.Duration}, {o.Warmup})");
        }

        var requests = Requests(o);
        var total = (long)o.Rate * (o.Warmup + o.Duration);
        var measuredFrom = (long)o.Rate * o.Warmup;
        var workers = new Worker[o.Connections];
        var start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 10);
        for (var c = 0; c < workers.Length; c++)
        {
            workers[c] = new Worker(c, o, requests, start, total, measuredFrom);
        }

        try
        {
            await Task.WhenAll(workers.Select(w => w.RunAsync(ct))).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or InvalidDataException)
        {
            return (int)output.Fail(o.Format, $"the load against {o.Server} failed: {e.Message.TrimEnd('.')}", "is `ntk serve` running there, and is the key a host or operator key?");
        }

        var latencies = workers.SelectMany(w => w.Latencies).ToArray();
        var lags = workers.SelectMany(w => w.Lags).ToArray();
        Array.Sort(latencies);
        Array.Sort(lags);
        var errors = workers.Sum(w => w.Errors);
        var result = new Result(o.Rate, o.Connections, o.Duration, latencies.Length + errors, Math.Round(latencies.Length / (double)o.Duration), errors,
            Ms(Percentile(latencies, 50)), Ms(Percentile(latencies, 90)), Ms(Percentile(latencies, 99)), Ms(Percentile(latencies, 99.9)),
            Ms(latencies.Length > 0 ? latencies[^1] : 0), Ms(Percentile(lags, 99)));
        if (o.Format == "json")
        {
            output.WriteJson(result);
        }
        else
        {
            output.Out.WriteLine(FormattableString.Invariant(
                $"fixed rate {result.Rate}/s over {result.Connections} connections, {result.Duration} s: {result.Requests} requests ({result.AchievedPerSecond:F0}/s answered), errors {result.Errors}; latency from the due time (or the send, if earlier) p50 {result.P50Ms:F2} ms  p90 {result.P90Ms:F2} ms  p99 {result.P99Ms:F2} ms  p99.9 {result.P999Ms:F2} ms  max {result.MaxMs:F2} ms; send lag p99 {result.SendLagP99Ms:F2} ms"));
        }

        return errors == 0 ? (int)ExitCode.Success : (int)ExitCode.Problems;
    }

    /// <summary>The nearest-rank percentile of sorted values (0 when there are none); <paramref name="p"/> in percent.</summary>
    internal static long Percentile(long[] sorted, double p) => NearestRank(sorted, p / 100);

    /// <summary>The nearest-rank quantile of sorted values, <paramref name="q"/> from 0 to 1 (default when there are none); shared with <c>ntk simulate</c>.</summary>
    internal static T NearestRank<T>(IReadOnlyList<T> sorted, double q) where T : struct =>
        sorted.Count == 0 ? default : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static double Ms(long ticks) => Math.Round(ticks * 1000.0 / Stopwatch.Frequency, 3);

    private static byte[][] Requests(Options o)
    {
        var result = new byte[1000][];
        for (var i = 0; i < result.Length; i++)
        {
            var target = i % 10 == 0 ? "wx.getClipboardData" : i % 10 == 5 ? "wx.getLocation" : "wx.chooseImage";
            var body = "{\"appId\":\"" + o.App + "\",\"userId\":\"bench-user-" + i + "\",\"target\":\"" + target + "\",\"userGesture\":true}";
            var head = "POST /v1/gate/decide HTTP/1.1\r\nHost: " + o.Server.Authority + "\r\nAuthorization: Bearer " + o.Key +
                "\r\nContent-Type: application/json\r\nContent-Length: " + Encoding.UTF8.GetByteCount(body) + "\r\n\r\n";
            result[i] = Encoding.UTF8.GetBytes(head + body);
        }

        return result;
    }

    private sealed class Worker(int index, Options o, byte[][] requests, long start, long total, long measuredFrom)
    {
        private readonly byte[] _buffer = new byte[16 * 1024];

        public List<long> Latencies { get; } = new((int)Math.Min(int.MaxValue / 2, total / o.Connections + 1));

        public List<long> Lags { get; } = [];

        public long Errors { get; private set; }

        public async Task RunAsync(CancellationToken ct)
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(o.Server.Host, o.Server.Port, ct).ConfigureAwait(false);
            for (long k = index; k < total; k += o.Connections)
            {
                var due = start + (long)(k * (double)Stopwatch.Frequency / o.Rate);
                var wait = due - Stopwatch.GetTimestamp();
                if (wait >= Stopwatch.Frequency / 1000)
                {
                    // Timer waits are whole milliseconds: sleep the whole ones and send up to 1 ms early rather than
                    // spin (spinning would take a core from the server). An early request's latency counts from its
                    // send, a late one's from its due time.
                    await Task.Delay((int)(wait * 1000 / Stopwatch.Frequency), ct).ConfigureAwait(false);
                }

                var sent = Stopwatch.GetTimestamp();
                await socket.SendAsync(requests[k % requests.Length], SocketFlags.None, ct).ConfigureAwait(false);
                var ok = await ReadResponseAsync(socket, ct).ConfigureAwait(false);
                var done = Stopwatch.GetTimestamp();
                if (k < measuredFrom)
                {
                    continue;
                }

                if (ok)
                {
                    Latencies.Add(done - Math.Min(sent, due));
                    Lags.Add(Math.Max(0, sent - due));
                }
                else
                {
                    Errors++;
                }
            }
        }

        /// <summary>Reads one response (Content-Length or chunked); true when its status is 2xx.</summary>
        private async Task<bool> ReadResponseAsync(Socket socket, CancellationToken ct)
        {
            var filled = 0;
            var headerEnd = -1;
            while (headerEnd < 0)
            {
                filled += await Receive(socket, filled, ct).ConfigureAwait(false);
                headerEnd = _buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
            }

            var ok = headerEnd > 12 && _buffer[9] == (byte)'2';
            var bodyStart = headerEnd + 4;
            var length = ContentLength(_buffer.AsSpan(0, headerEnd));
            if (length >= 0)
            {
                while (filled - bodyStart < length)
                {
                    filled += await Receive(socket, filled, ct).ConfigureAwait(false);
                }
            }
            else
            {
                // Chunked: the body ends with the last, empty chunk.
                while (!_buffer.AsSpan(bodyStart, filled - bodyStart).EndsWith("0\r\n\r\n"u8))
                {
                    filled += await Receive(socket, filled, ct).ConfigureAwait(false);
                }
            }

            return ok;
        }

        /// <summary>The Content-Length of a response head, or -1 (chunked), without allocating.</summary>
        private static int ContentLength(ReadOnlySpan<byte> head)
        {
            var at = head.IndexOf("\r\nContent-Length:"u8);
            at = at >= 0 ? at : head.IndexOf("\r\ncontent-length:"u8);
            if (at < 0)
            {
                return -1;
            }

            var rest = head[(at + 17)..];
            var end = rest.IndexOf((byte)'\r');
            return int.Parse(rest[..(end < 0 ? rest.Length : end)], System.Globalization.CultureInfo.InvariantCulture);
        }

        private async Task<int> Receive(Socket socket, int filled, CancellationToken ct)
        {
            if (filled == _buffer.Length)
            {
                throw new InvalidDataException("a response was larger than 16 KiB");
            }

            var n = await socket.ReceiveAsync(_buffer.AsMemory(filled), SocketFlags.None, ct).ConfigureAwait(false);
            return n == 0 ? throw new IOException("the server closed the connection") : n;
        }
    }
}
