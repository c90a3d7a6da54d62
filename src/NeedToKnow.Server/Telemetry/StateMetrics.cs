using System.Diagnostics.Metrics;
using NeedToKnow.Core.Audit;
using NeedToKnow.Core.Gate;

namespace NeedToKnow.Server.Telemetry;

/// <summary>
/// Observed state for operators (read when <c>/metrics</c> is scraped): the gate's record queue and what it had to drop,
/// and the audit log's size and backlog, so that a log that stopped growing or a queue that keeps filling shows on a
/// dashboard rather than only in the server's error log.
/// </summary>
internal sealed class StateMetrics : IDisposable
{
    private readonly Meter _meter = new(ServerMetrics.MeterName);

    public StateMetrics(GateService gate, AuditLog log)
    {
        _meter.CreateObservableGauge("ntk.gate.records.pending", () => gate.PendingRecords, "{record}", "interception and prompt records waiting to be written");
        _meter.CreateObservableCounter("ntk.gate.records.dropped", () => gate.DroppedRecords, "{record}", "records dropped because the queue was full while the store was unavailable");
        _meter.CreateObservableCounter("ntk.gate.records.rejected", () => gate.RejectedRecords, "{record}", "records the store refused for good, dropped alone so the rest are written");
        _meter.CreateObservableGauge("ntk.audit.entries", () => log.Integrator.Snapshot.Size, "{entry}", "durable entries in the audit log");
        _meter.CreateObservableGauge("ntk.audit.pending", () => log.Sequencer.PendingEntries, "{entry}", "audit entries queued and not yet committed");
    }

    public void Dispose() => _meter.Dispose();
}
