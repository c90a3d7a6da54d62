using System.Diagnostics.Metrics;

namespace NeedToKnow.Server.Telemetry;

/// <summary>The server's metrics (OpenTelemetry, exported for Prometheus at <c>/metrics</c>). No personal information in tags.</summary>
internal sealed class ServerMetrics : IDisposable
{
    public const string MeterName = "NeedToKnow.Server";

    private readonly Meter _meter = new(MeterName);

    public ServerMetrics()
    {
        Decisions = _meter.CreateCounter<long>("ntk.gate.decisions", "{decision}", "gate decisions, by kind");
        Interceptions = _meter.CreateCounter<long>("ntk.gate.interceptions", "{interception}", "denied privacy API attempts, by privacy key and reason code");
        DecisionLatency = _meter.CreateHistogram<double>("ntk.gate.decision.duration", "s", "time to decide one request over HTTP, batch requests counted per request");
    }

    public Counter<long> Decisions { get; }

    public Counter<long> Interceptions { get; }

    public Histogram<double> DecisionLatency { get; }

    public void Dispose() => _meter.Dispose();
}
