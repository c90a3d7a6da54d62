using System.Globalization;
using System.Runtime.CompilerServices;
using NeedToKnow.Core.Audit;
using NeedToKnow.Core.Audit.Statistics;
using NeedToKnow.Core.Consent;
using NeedToKnow.Core.Gate;

namespace NeedToKnow.Server.Platform;

#pragma warning disable NTK9001 // composes Core's experimental ports

/// <summary>
/// The server's audit log: every interception and prompt the gate records, every consent event, enforcement action
/// and declaration publication becomes an entry (users only as a keyed hash). As the gate's record sink it first
/// writes the records' own tables, then appends the entries and waits until they are durable (group commit).
/// </summary>
internal sealed class AuditRuntime : IGateRecordSink, IAsyncDisposable
{
    private readonly IGateRecordSink _records;
    private readonly IAuditLogStore _store;
    private readonly AuditUserHasher _hasher;

    private AuditRuntime(AuditLog log, IAuditLogStore store, IGateRecordSink records, AuditUserHasher hasher, string publicKeyPem)
    {
        Log = log;
        _store = store;
        _records = records;
        _hasher = hasher;
        PublicKeyPem = publicKeyPem;
    }

    public AuditLog Log { get; }

    /// <summary>The public key that verifies the signed tree heads (PEM, SubjectPublicKeyInfo).</summary>
    public string PublicKeyPem { get; }

    public static async Task<AuditRuntime> OpenAsync(IAuditLogStore store, IGateRecordSink records, TreeHeadSigner signer, byte[] userSecret, TimeProvider time, CancellationToken ct)
    {
        var options = new AuditLogOptions { MaxBatchDelay = TimeSpan.FromMilliseconds(2), PublishInterval = TimeSpan.FromSeconds(5) };
        var log = await AuditLog.OpenAsync(store, signer, options, time, ct).ConfigureAwait(false);
        return new AuditRuntime(log, store, records, new AuditUserHasher(userSecret), signer.Verifier.PublicKeyPem);
    }

    public async ValueTask WriteAsync(IReadOnlyList<InterceptionRecord> interceptions, IReadOnlyList<PromptRecord> prompts, CancellationToken cancellationToken = default)
    {
        await _records.WriteAsync(interceptions, prompts, cancellationToken).ConfigureAwait(false);
        var pending = new List<ValueTask<AuditAppendResult>>(interceptions.Count + prompts.Count);
        foreach (var r in interceptions)
        {
            pending.Add(Log.AppendAsync(new AuditEntry(AuditEntryKind.Interception, r.Time, r.AppId, r.Key ?? "", ((int)r.Reason).ToString(CultureInfo.InvariantCulture), _hasher.Hash(r.UserId), r.Detail.ToString(), Version(r.DeclarationVersion), r.Target), cancellationToken));
        }

        foreach (var p in prompts)
        {
            pending.Add(Log.AppendAsync(new AuditEntry(AuditEntryKind.Prompt, p.Time, p.AppId, p.Key, ((int)p.Reason).ToString(CultureInfo.InvariantCulture), _hasher.Hash(p.UserId), "", Version(p.DeclarationVersion), p.Target), cancellationToken));
        }

        foreach (var append in pending)
        {
            var result = await append.ConfigureAwait(false);
            if (!result.IsAppended)
            {
                throw new AuditPushbackException(result.RetryAfter);
            }
        }
    }

    /// <summary>Appends a consent event (one entry per key, or one for a scope or app removal).</summary>
    public async ValueTask AppendConsentAsync(ConsentEvent e, CancellationToken ct)
    {
        var outcome = e.Kind switch
        {
            ConsentEventKind.DeclarationGranted or ConsentEventKind.ScopeGranted or ConsentEventKind.ScopeReEnabled => "granted",
            ConsentEventKind.DeclarationRefused or ConsentEventKind.ScopeRefused => "refused",
            ConsentEventKind.Withdrawn => "withdrawn",
            _ => "removed",
        };
        var user = _hasher.Hash(e.UserId);
        if (e.Items.Count == 0)
        {
            await AppendAsync(new AuditEntry(AuditEntryKind.Consent, e.Time, e.AppId, e.Scope ?? "", "", user, outcome, Version(e.DeclarationVersion)), ct).ConfigureAwait(false);
            return;
        }

        foreach (var item in e.Items)
        {
            await AppendAsync(new AuditEntry(AuditEntryKind.Consent, e.Time, e.AppId, item.Key, "", user, outcome, Version(e.DeclarationVersion)), ct).ConfigureAwait(false);
        }
    }

    public async ValueTask AppendAsync(AuditEntry entry, CancellationToken ct)
    {
        var result = await Log.AppendAsync(entry, ct).ConfigureAwait(false);
        if (!result.IsAppended)
        {
            throw new AuditPushbackException(result.RetryAfter);
        }
    }

    /// <summary>Statistics computed from the log itself (so they equal a direct count over it), optionally for one app.</summary>
    public async Task<AuditStatistics> StatisticsAsync(DateTimeOffset? since, DateTimeOffset? until, string? appId, CancellationToken ct)
    {
        var builder = new AuditStatisticsBuilder(since, until);
        await foreach (var (_, entry) in EntriesAsync(ct).ConfigureAwait(false))
        {
            if (appId is null || entry.AppId == appId)
            {
                builder.Add(entry);
            }
        }

        return builder.Build();
    }

    /// <summary>The stored rows as they are (for the CSV export, which also shows unreadable ones).</summary>
    public IAsyncEnumerable<AuditLeaf> RowsAsync(CancellationToken ct) => _store.ReadAsync(0, long.MaxValue, ct);

    public async IAsyncEnumerable<(long Index, AuditEntry Entry)> EntriesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var row in _store.ReadAsync(0, long.MaxValue, ct).ConfigureAwait(false))
        {
            if (AuditEntryCodec.TryDecode(row.Entry, out _, out var entry, out _))
            {
                yield return (row.Index, entry);
            }
        }
    }

    public ValueTask DisposeAsync() => Log.DisposeAsync();

    private static string Version(int version) => version == 0 ? "" : version.ToString(CultureInfo.InvariantCulture);
}
