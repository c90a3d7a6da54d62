namespace NeedToKnow.Core.Audit;

/// <summary>
/// The audit log, composed of its separate parts (STYLE.md H16): <see cref="Sequencer"/> (append, group commit),
/// <see cref="Integrator"/> (tree state and stored nodes), <see cref="Publisher"/> (signed tree heads on an interval)
/// and <see cref="Proofs"/> (proof serving).
/// </summary>
public sealed class AuditLog : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _publishing;

    private AuditLog(AuditSequencer sequencer, AuditIntegrator integrator, AuditPublisher? publisher, TimeSpan interval)
    {
        Sequencer = sequencer;
        Integrator = integrator;
        Publisher = publisher;
        Proofs = new AuditProofService(integrator);
        _publishing = publisher is not null && interval > TimeSpan.Zero && interval != Timeout.InfiniteTimeSpan
            ? publisher.RunAsync(interval, _stop.Token)
            : Task.CompletedTask;
    }

    /// <summary>Appends entries.</summary>
    public AuditSequencer Sequencer { get; }

    /// <summary>The durable tree.</summary>
    public AuditIntegrator Integrator { get; }

    /// <summary>Signs tree heads; null when no key was configured.</summary>
    public AuditPublisher? Publisher { get; }

    /// <summary>Serves proofs.</summary>
    public AuditProofService Proofs { get; }

    /// <summary>Opens the log over <paramref name="store"/>, restoring its tree state.</summary>
    /// <param name="store">The store.</param>
    /// <param name="signer">The operator's signing key, or null to run without publication.</param>
    /// <param name="options">Tuning, or null for defaults.</param>
    /// <param name="time">The clock, or null for the system clock.</param>
    /// <param name="cancellationToken">Cancels the restore.</param>
    /// <returns>The open log.</returns>
    /// <exception cref="InvalidDataException">The stored entries do not match the saved tree state.</exception>
    public static async Task<AuditLog> OpenAsync(IAuditLogStore store, TreeHeadSigner? signer, AuditLogOptions? options = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new AuditLogOptions();
        var integrator = await AuditIntegrator.RestoreAsync(store, cancellationToken).ConfigureAwait(false);
        AuditPublisher? publisher = null;
        if (signer is not null)
        {
            var heads = await store.ReadTreeHeadsAsync(cancellationToken).ConfigureAwait(false);
            publisher = new AuditPublisher(store, integrator, signer, time ?? TimeProvider.System, heads.Count > 0 ? heads[^1] : null);
        }

        return new AuditLog(new AuditSequencer(store, integrator, options), integrator, publisher, options.PublishInterval);
    }

    /// <summary>Appends an entry; see <see cref="AuditSequencer.AppendAsync"/>.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The durable index, or a pushback.</returns>
    public ValueTask<AuditAppendResult> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default) =>
        Sequencer.AppendAsync(entry, cancellationToken);

    /// <summary>Commits what is queued, publishes a last head when a key is configured, and stops.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        await Sequencer.DisposeAsync().ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await _publishing.ConfigureAwait(false);
        if (Publisher is not null)
        {
            await Publisher.PublishAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }
}
