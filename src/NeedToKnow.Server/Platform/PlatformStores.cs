using NeedToKnow.Core.Consent;
using NeedToKnow.Core.Gate;
using NeedToKnow.Core.Submissions;

namespace NeedToKnow.Server.Platform;

#pragma warning disable NTK9001 // the storage ports are experimental until stable; the server is their first user

/// <summary>The stores the server composes, all behind Core's ports (SQLite, PostgreSQL or memory).</summary>
internal sealed record PlatformStores(
    IDeclarationStore Declarations,
    IConsentEventStore Consents,
    IGateRecordSink Records,
    IGateRecordReader RecordReader,
    ISubmissionStore Submissions,
    IAppOwnerStore Owners)
{
    /// <summary>Everything in memory: for tests and for a server without a database.</summary>
    public static PlatformStores InMemory()
    {
        var records = new InMemoryGateRecordSink();
        return new PlatformStores(
            new InMemoryDeclarationStore(),
            new InMemoryConsentEventStore(),
            records,
            records,
            new InMemorySubmissionStore(),
            new InMemoryAppOwnerStore());
    }
}
