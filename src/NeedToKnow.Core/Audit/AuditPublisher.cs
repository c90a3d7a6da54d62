namespace NeedToKnow.Core.Audit;

/// <summary>
/// Publication (STYLE.md H16): signs the durable tree's head on an interval, when it grew, and stores it. Auditors
/// keep these heads and check later logs against them.
/// </summary>
public sealed class AuditPublisher
{
    private readonly IAuditLogStore _store;
    private readonly AuditIntegrator _integrator;
    private readonly TreeHeadSigner _signer;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SignedTreeHead? _latest;

    /// <summary>Creates a publisher.</summary>
    /// <param name="store">Where heads are stored.</param>
    /// <param name="integrator">The durable tree.</param>
    /// <param name="signer">The operator's key.</param>
    /// <param name="time">The clock.</param>
    /// <param name="latest">The newest stored head, or null.</param>
    /// <exception cref="AuditKeyMismatchException"><paramref name="signer"/> did not sign <paramref name="latest"/>.</exception>
    public AuditPublisher(IAuditLogStore store, AuditIntegrator integrator, TreeHeadSigner signer, TimeProvider time, SignedTreeHead? latest)
    {
        ArgumentNullException.ThrowIfNull(signer);
        if (latest is not null && !signer.Verifier.Verify(latest))
        {
            throw new AuditKeyMismatchException(signer.Verifier.KeyId, latest.TreeSize);
        }

        _store = store;
        _integrator = integrator;
        _signer = signer;
        _time = time;
        _latest = latest;
    }

    /// <summary>The newest signed tree head, or null before the first.</summary>
    public SignedTreeHead? Latest => Volatile.Read(ref _latest);

    /// <summary>Signs and stores a head for the durable tree unless the latest head already covers its size.</summary>
    /// <param name="cancellationToken">Cancels the store write.</param>
    /// <returns>The latest head after the call.</returns>
    public async ValueTask<SignedTreeHead> PublishAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var tree = _integrator.Snapshot;
            var latest = Latest;
            if (latest is not null && latest.TreeSize == tree.Size)
            {
                return latest;
            }

            var head = _signer.Sign(tree.Size, _time.GetUtcNow(), tree.Root);
            await _store.AddTreeHeadAsync(head, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _latest, head);
            return head;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Publishes every <paramref name="interval"/> until cancelled.</summary>
    /// <param name="interval">The period.</param>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <returns>A task that ends when cancelled.</returns>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await PublishAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
