using NeedToKnow.Core.Consent;
using NeedToKnow.Core.Gate;

namespace NeedToKnow.Storage;

/// <content>Core's storage ports over this store's database.</content>
public sealed partial class NeedToKnowStore
{
    /// <summary>The consent ledger (append-only events and the current-state projection).</summary>
    public IConsentEventStore Consents => _consents ??= new Consent.SqlConsentEventStore(Database);

    /// <summary>Declaration versions and the app registry.</summary>
    public IDeclarationStore Declarations => _declarations ??= new Declarations.SqlDeclarationStore(Database);

    /// <summary>Where the gate's interception and prompt records are written.</summary>
    public IGateRecordSink GateRecords => _records ??= new GateRecords.SqlGateRecordStore(Database);

    /// <summary>Reads the interception and prompt records back (audit log, statistics).</summary>
    public IGateRecordReader GateRecordReader => (GateRecords.SqlGateRecordStore)GateRecords;

    private Consent.SqlConsentEventStore? _consents;
    private Declarations.SqlDeclarationStore? _declarations;
    private GateRecords.SqlGateRecordStore? _records;
}
