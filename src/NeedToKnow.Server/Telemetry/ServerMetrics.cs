using System.Diagnostics.Metrics;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Gate;

namespace NeedToKnow.Server.Telemetry;

/// <summary>The server's metrics (OpenTelemetry, exported for Prometheus at <c>/metrics</c>). No personal information in tags.</summary>
internal sealed class ServerMetrics : IDisposable
{
    public const string MeterName = "NeedToKnow.Server";

    private static readonly KeyValuePair<string, object?>[] KindTags =
        [.. Enum.GetValues<DecisionKind>().Select(k => new KeyValuePair<string, object?>("kind", k.ToString()))];

    /// <summary>
    /// Bucket bounds of the decision-time histogram, in seconds: 10 µs to 1 s. A decision over loopback HTTP takes tens
    /// of microseconds to a few milliseconds, where the SDK's default bounds (0, 5, 10, 25... meant for milliseconds)
    /// would put every sample in the first bucket.
    /// </summary>
    internal static readonly double[] DecisionSecondsBuckets =
        [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

    /// <summary>The <c>key</c> label of an interception whose target is neither a catalog API nor a catalog key.</summary>
    public const string CustomKey = "custom";

    private readonly Meter _meter = new(MeterName);
    private readonly PrivacyCatalog _catalog;

    public ServerMetrics(PrivacyCatalog catalog)
    {
        _catalog = catalog;
        Decisions = _meter.CreateCounter<long>("ntk.gate.decisions", "{decision}", "gate decisions, by kind");
        Interceptions = _meter.CreateCounter<long>("ntk.gate.interceptions", "{interception}", "denied privacy API attempts, by privacy key and reason code");
        DecisionLatency = _meter.CreateHistogram(
            "ntk.gate.decision.duration",
            "s",
            "time to decide one request over HTTP; a batch is recorded once, as its time per decision",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DecisionSecondsBuckets });
    }

    public Counter<long> Decisions { get; }

    public Counter<long> Interceptions { get; }

    public Histogram<double> DecisionLatency { get; }

    /// <summary>Counts one decision (and its interception).</summary>
    public void Count(in GateDecision decision)
    {
        Decisions.Add(1, KindTags[(int)decision.Kind]);
        if (decision.Kind == DecisionKind.Deny)
        {
            Intercepted(in decision);
        }
    }

    /// <summary>Counts a batch: one addition per decision kind, one per interception.</summary>
    public void Count(GateDecision[] decisions)
    {
        Span<long> byKind = stackalloc long[KindTags.Length];
        foreach (ref readonly var d in decisions.AsSpan())
        {
            byKind[(int)d.Kind]++;
            if (d.Kind == DecisionKind.Deny)
            {
                Intercepted(in d);
            }
        }

        for (var k = 0; k < byKind.Length; k++)
        {
            if (byKind[k] > 0)
            {
                Decisions.Add(byKind[k], KindTags[k]);
            }
        }
    }

    public void Dispose() => _meter.Dispose();

    // One series per catalog key at most: a target that is neither a catalog API nor a catalog key (any string a host
    // sends) is labelled `custom`; the audit log keeps its real name.
    private void Intercepted(in GateDecision decision) =>
        Interceptions.Add(1, new KeyValuePair<string, object?>("key", KeyLabel(decision.Key)), new KeyValuePair<string, object?>("reason", (int)decision.Reason));

    private string KeyLabel(string? key) => key is null ? "unknown" : _catalog.TryGetKey(key, out _) ? key : CustomKey;
}
