using NeedToKnow.Core.Audit.Merkle;

namespace NeedToKnow.Core.Audit;

/// <summary>
/// Integration (STYLE.md H16): folds sequenced leaves into the compact tree state and the stored nodes that proofs are
/// built from, and makes them visible once the store has committed them. One writer; readers use <see cref="Snapshot"/>
/// and <see cref="Nodes"/>.
/// </summary>
public sealed class AuditIntegrator
{
    private CompactRange _range;
    private CompactRange _durable;
    private readonly TiledMerkleNodes _nodes;
    private AuditTreeSnapshot _snapshot;
    private string? _failure;

    private AuditIntegrator(CompactRange range, IMerkleLeafHashReader? leaves)
    {
        _nodes = new TiledMerkleNodes(leaves);
        _range = range;
        _durable = range.Clone();
        _snapshot = new AuditTreeSnapshot(range.Size, range.Root());
    }

    /// <summary>The durable tree: size and root.</summary>
    public AuditTreeSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>The stored nodes of the durable tree: the upper levels in memory, the lower ones read back from the store by tile (<see cref="TiledMerkleNodes"/>).</summary>
    public IMerkleNodeReader Nodes => _nodes;

    /// <summary>The compact state after the last <see cref="Integrate"/>, which the store saves with the batch.</summary>
    internal CompactRange State => _range;

    /// <summary>An empty log whose nodes all stay in memory (64 bytes per entry); for tests and tools.</summary>
    /// <returns>The integrator.</returns>
    public static AuditIntegrator Empty() => new(new CompactRange(), null);

    /// <summary>
    /// Rebuilds the nodes from the store's leaf hashes and checks them against the saved tree state, so the tree state
    /// survives restarts. Afterwards the lower levels of the tree are read back from <paramref name="store"/> by tile
    /// when a proof needs them, so memory grows by about one byte per entry instead of 64.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The integrator at the stored size.</returns>
    /// <exception cref="InvalidDataException">The stored leaves do not add up to the saved state (run <c>ntk audit verify</c>).</exception>
    public static async Task<AuditIntegrator> RestoreAsync(IAuditLogStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var saved = await store.LoadTreeStateAsync(cancellationToken).ConfigureAwait(false);
        var integrator = new AuditIntegrator(new CompactRange(), store);
        if (saved is null || saved.Size == 0)
        {
            return integrator;
        }

        var expected = 0L;
        await foreach (var leaf in store.ReadAsync(0, saved.Size, cancellationToken).ConfigureAwait(false))
        {
            AuditLeafHashes.Check(leaf.Index, expected, leaf.LeafHash.Length);
            integrator._range.Append(leaf.LeafHash, integrator._nodes);
            expected++;
            if ((expected & 0xFFFF) == 0)
            {
                // The leaves come from the store, so they are durable: let completed tiles leave memory as we go.
                integrator._nodes.Publish(expected);
            }
        }

        if (expected != saved.Size || !integrator._range.Root().AsSpan().SequenceEqual(saved.Root()))
        {
            throw new InvalidDataException($"the audit log's {expected} stored entries do not match its saved tree state of {saved.Size}: run `ntk audit verify`");
        }

        integrator.Publish();
        return integrator;
    }

    /// <summary>Folds the leaves of one batch into the tree; they stay invisible until <see cref="Publish"/>.</summary>
    /// <param name="leaves">The batch, continuing the tree's indexes, its leaf hashes computed.</param>
    /// <exception cref="InvalidOperationException">An earlier batch failed to commit; the log must be reopened.</exception>
    internal void Integrate(AuditLeafBatch leaves)
    {
        ThrowIfFailed();
        if (leaves.FirstIndex != _range.Size)
        {
            throw new InvalidOperationException($"the audit batch starts at index {leaves.FirstIndex} but the tree has {_range.Size} leaves");
        }

        for (var i = 0; i < leaves.Count; i++)
        {
            _range.Append(leaves.LeafHashAt(i), _nodes);
        }
    }

    /// <summary>Forgets everything integrated since the last <see cref="Publish"/> (its commit failed and nothing of it is durable).</summary>
    internal void Rollback()
    {
        _range = _durable.Clone();
        _nodes.Truncate(_range.Size);
    }

    /// <summary>Makes everything integrated so far visible: called after the store's durable commit.</summary>
    internal void Publish()
    {
        _nodes.Publish(_range.Size);
        _durable = _range.Clone();
        Volatile.Write(ref _snapshot, new AuditTreeSnapshot(_range.Size, _range.Root()));
    }

    /// <summary>Marks the tree as ahead of the store after a failed commit: every later batch fails (fail closed).</summary>
    internal void Fail(string reason) => _failure = reason;

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw new InvalidOperationException("the audit log stopped after a failed commit: " + _failure);
        }
    }
}
