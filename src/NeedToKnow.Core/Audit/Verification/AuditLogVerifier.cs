using NeedToKnow.Core.Audit.Merkle;

namespace NeedToKnow.Core.Audit.Verification;

/// <summary>
/// Recomputes a stored audit log and checks it: row by row (indexes consecutive, each entry carries its own index,
/// each entry hashes to its stored leaf hash), then the recomputed roots against every signed tree head (RFC 9162
/// §2.1.1) and their signatures, and the saved tree state. Changed, deleted, reordered and appended-behind-the-back
/// entries are named by index. An entry changed together with its stored leaf hash is narrowed down to the entries
/// between two signed tree heads: the more often heads are signed, the narrower.
/// </summary>
public static class AuditLogVerifier
{
    /// <summary>The most problems listed one by one; further ones are counted in one closing problem.</summary>
    public const int MaxListedProblems = 1000;

    /// <summary>Verifies the rows of a log.</summary>
    /// <param name="rows">Every stored row, in index order.</param>
    /// <param name="heads">The stored signed tree heads, plus any trusted earlier head the auditor kept.</param>
    /// <param name="key">The log's public key; null to skip signature checks (noted in the report).</param>
    /// <param name="savedState">The store's saved tree state, or null when the store has none.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The report.</returns>
    public static async Task<AuditVerificationReport> VerifyAsync(
        IAsyncEnumerable<AuditLeaf> rows,
        IReadOnlyList<SignedTreeHead> heads,
        TreeHeadVerifier? key,
        CompactRange? savedState,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var checker = new Checker(heads, key);
        Task? checking = null;
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (checker.Buffer(row))
            {
                // Pipelined: the reader fills the other buffer while this one is hashed and folded.
                if (checking is not null)
                {
                    await checking.ConfigureAwait(false);
                }

                var full = checker.TakeFull();
                checking = Task.Run(() => checker.Flush(full), CancellationToken.None);
            }
        }

        if (checking is not null)
        {
            await checking.ConfigureAwait(false);
        }

        return checker.Finish(savedState);
    }

    /// <summary>Verifies rows already in memory; see <see cref="VerifyAsync"/>.</summary>
    /// <param name="rows">Every stored row, in index order.</param>
    /// <param name="heads">The signed tree heads.</param>
    /// <param name="key">The public key, or null.</param>
    /// <param name="savedState">The saved tree state, or null.</param>
    /// <returns>The report.</returns>
    public static AuditVerificationReport Verify(IEnumerable<AuditLeaf> rows, IReadOnlyList<SignedTreeHead> heads, TreeHeadVerifier? key, CompactRange? savedState)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var checker = new Checker(heads, key);
        foreach (var row in rows)
        {
            checker.Add(row);
        }

        return checker.Finish(savedState);
    }

    private sealed class Checker
    {
        public const int BlockShift = 10;
        public const int Block = 1 << BlockShift;
        public const int BufferRows = 16 * Block;
        private readonly ProblemList _problems = new();
        private readonly List<string> _notes = [];
        private readonly SignedTreeHead[] _sorted;
        private readonly CompactRange _range = new();
        private Chunk _filling = new();
        private Chunk? _spare;
        private readonly byte[] _root = new byte[MerkleHasher.HashSize];
        private int _next;
        private long _lastGood;
        private int _checkedHeads;
        private long _expected;
        private bool _broken;
        private long _read;

        // Once one head's root does not match, every later head's cannot either: those are folded into the first
        // root mismatch (its position in the problem list) instead of one line each.
        private int _foldInto = -1;
        private bool _foldIsMove;

        // Heads without a valid signature for the given key: they prove nothing, so their roots are not held against the log.
        private HashSet<SignedTreeHead> _unsigned = new(ReferenceEqualityComparer.Instance);
        private int _folded;
        private long _foldFirst;
        private long _foldLast;

        // The first moved row (its problem's position and index): a move breaks the roots of the heads after it, which
        // are then said in that problem rather than as an unexplained root mismatch.
        private int _movePosition = -1;
        private long _moveIndex;

        // A run of consecutive changed entries is one problem (its position, first and last index).
        private int _changedPosition = -1;
        private long _changedFirst;
        private long _changedLast;

        public Checker(IReadOnlyList<SignedTreeHead> heads, TreeHeadVerifier? key)
        {
            ArgumentNullException.ThrowIfNull(heads);
            _sorted = [.. heads.OrderBy(h => h.TreeSize).ThenBy(h => h.Timestamp)];
            if (key is null)
            {
                _notes.Add("no public key given: tree head signatures were not checked");
            }
            else
            {
                var bad = _sorted.Where(h => !key.Verify(h)).ToList();
                _unsigned.UnionWith(bad);
                if (bad.Count == 1)
                {
                    _problems.Add(AuditProblemKind.BadSignature, null, $"the tree head of size {bad[0].TreeSize} signed at {bad[0].Timestamp.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} has no valid signature for key {key.KeyId[..16]}");
                }
                else if (bad.Count > 1 && bad.Count == _sorted.Length)
                {
                    _problems.Add(AuditProblemKind.BadSignature, null, $"none of the {bad.Count} tree heads has a valid signature for key {key.KeyId[..16]}: is it the log's public key?");
                }
                else if (bad.Count > 1)
                {
                    _problems.Add(AuditProblemKind.BadSignature, null, $"{bad.Count} of the {_sorted.Length} tree heads (sizes {bad[0].TreeSize} to {bad[^1].TreeSize}) have no valid signature for key {key.KeyId[..16]}: they were forged or signed with another key");
                }
            }

            CheckHeads();
        }

        public void Add(AuditLeaf row)
        {
            if (Buffer(row))
            {
                Flush(TakeFull());
            }
        }

        /// <summary>Buffers a row; true when the buffer is full and must be taken with <see cref="TakeFull"/>.</summary>
        public bool Buffer(AuditLeaf row)
        {
            _filling.Rows[_filling.Count++] = row;
            return _filling.Count == BufferRows;
        }

        /// <summary>Takes the filled buffer and starts filling the other one (free once its flush has finished).</summary>
        public Chunk TakeFull()
        {
            var full = _filling;
            _filling = _spare ?? new Chunk();
            _spare = full;
            return full;
        }

        /// <summary>
        /// Checks the buffered rows: every leaf hash and entry header is computed in parallel, block by block; a block of
        /// 1024 clean rows at an aligned position is folded as one perfect subtree (its root also computed in parallel),
        /// anything else row by row in order, so problems are reported exactly as a row-by-row pass reports them.
        /// </summary>
        public void Flush(Chunk c)
        {
            var count = c.Count;
            if (count == 0)
            {
                return;
            }

            var blocks = (count + Block - 1) / Block;
            var baseExpected = _expected;
            var aligned = !_broken && (baseExpected & (Block - 1)) == 0 && _range.Size == baseExpected;
            if (blocks == 1)
            {
                Prepare(c, 0, baseExpected, aligned);
            }
            else
            {
                Parallel.For(0, blocks, b => Prepare(c, b, baseExpected, aligned));
            }

            for (var b = 0; b < blocks; b++)
            {
                var from = b * Block;
                var to = Math.Min(count, from + Block);
                if (c.BlockClean[b] && !_broken && _expected == baseExpected + from && _range.Size == _expected
                    && (_next >= _sorted.Length || _sorted[_next].TreeSize >= _expected + Block))
                {
                    _range.AppendSubtree(BlockShift, c.BlockRoots.AsSpan(b * MerkleHasher.HashSize, MerkleHasher.HashSize));
                    _read += Block;
                    _expected += Block;
                    CheckHeads();
                }
                else
                {
                    for (var i = from; i < to; i++)
                    {
                        AddPrepared(c, i);
                    }
                }
            }

            Array.Clear(c.Rows, 0, count);
            c.Count = 0;
        }

        private static void Prepare(Chunk c, int block, long baseExpected, bool aligned)
        {
            var from = block * Block;
            var to = Math.Min(c.Count, from + Block);
            var clean = aligned && to - from == Block;
            for (var i = from; i < to; i++)
            {
                var row = c.Rows[i];
                var hash = c.Hashes.AsSpan(i * MerkleHasher.HashSize, MerkleHasher.HashSize);
                MerkleHasher.HashLeaf(row.Entry, hash);
                c.Errors[i] = null;
                if (!AuditEntryCodec.TryReadIndex(row.Entry, out c.Carried[i], out var error))
                {
                    c.Errors[i] = error ?? "unreadable";
                }

                clean = clean && c.Errors[i] is null && row.Index == baseExpected + i && c.Carried[i] == row.Index && hash.SequenceEqual(row.LeafHash);
            }

            c.BlockClean[block] = clean;
            if (clean)
            {
                var subtree = new CompactRange();
                for (var i = from; i < to; i++)
                {
                    subtree.Append(c.Hashes.AsSpan(i * MerkleHasher.HashSize, MerkleHasher.HashSize));
                }

                subtree.Root(c.BlockRoots.AsSpan(block * MerkleHasher.HashSize, MerkleHasher.HashSize));
            }
        }

        private void AddPrepared(Chunk c, int i)
        {
            var row = c.Rows[i];
            _read++;
            if (row.Index < _expected)
            {
                _problems.Add(AuditProblemKind.Duplicate, row.Index, $"entry {row.Index} occurs more than once");
                return;
            }

            if (row.Index > _expected)
            {
                _problems.Add(AuditProblemKind.Missing, _expected, row.Index - _expected == 1 ? $"entry {_expected} is missing (deleted)" : $"entries {_expected} to {row.Index - 1} are missing (deleted)");
                _broken = true;
                _expected = row.Index;
            }

            var leafHash = c.Hashes.AsSpan(i * MerkleHasher.HashSize, MerkleHasher.HashSize);
            // A changed entry is one problem, also when the change left it unreadable or carrying another index.
            var changed = !leafHash.SequenceEqual(row.LeafHash);
            if (!changed && c.Errors[i] is { } error)
            {
                _problems.Add(AuditProblemKind.Unreadable, row.Index, $"entry {row.Index} cannot be read: {error}");
            }
            else if (!changed && c.Carried[i] != row.Index)
            {
                var position = _problems.Add(AuditProblemKind.Reordered, row.Index, $"entry {row.Index} holds the entry of index {c.Carried[i]}: rows were swapped or moved, or its index was rewritten");
                if (_movePosition < 0 && position >= 0)
                {
                    (_movePosition, _moveIndex) = (position, row.Index);
                }
            }

            if (changed)
            {
                if (_changedPosition >= 0 && row.Index == _changedLast + 1)
                {
                    _changedLast = row.Index;
                    _problems.Replace(_changedPosition, $"entries {_changedFirst} to {_changedLast} do not match their stored leaf hashes: they were changed");
                }
                else
                {
                    _changedPosition = _problems.Add(AuditProblemKind.Changed, row.Index, $"entry {row.Index} does not match its stored leaf hash: it was changed");
                    (_changedFirst, _changedLast) = (row.Index, row.Index);
                }
            }

            if (!_broken)
            {
                // The roots are recomputed from the stored leaf hashes (each entry was just checked against its own): a
                // changed entry whose leaf hash is intact then leaves the roots whole, and any other entry rewritten
                // together with its leaf hash is still narrowed down by the heads around it.
                _range.Append(row.LeafHash.Length == MerkleHasher.HashSize ? row.LeafHash : leafHash);
                CheckHeads();
            }

            _expected++;
        }

        public AuditVerificationReport Finish(CompactRange? savedState)
        {
            Flush(_filling);
            if (_broken)
            {
                _notes.Add("entries are missing, so roots past the first gap could not be recomputed");
            }

            var latest = _sorted.Length > 0 ? _sorted[^1] : null;
            if (latest is not null && latest.TreeSize > _expected)
            {
                _problems.Add(AuditProblemKind.Truncated, _expected, $"the tree head of size {latest.TreeSize} covers entries up to {latest.TreeSize - 1} but the log has {_expected}: entries {_expected} to {latest.TreeSize - 1} were deleted");
            }
            else if (latest is null && _expected > 0)
            {
                _problems.Add(AuditProblemKind.NoTreeHead, null, $"the log holds {_expected} entries but no signed tree head to check them against");
            }
            else if (latest is not null && _expected > latest.TreeSize)
            {
                _notes.Add($"entries {latest.TreeSize} to {_expected - 1} are not covered by a signed tree head yet");
            }

            long? stateFolded = null;
            if (savedState is not null && !_broken)
            {
                if (_expected > savedState.Size)
                {
                    _problems.Add(AuditProblemKind.AppendedOutsideLog, savedState.Size, $"entries {savedState.Size} to {_expected - 1} lie beyond the log's saved tree state of size {savedState.Size}: they were appended behind its back");
                }
                else if (_expected < savedState.Size)
                {
                    if (latest is null || latest.TreeSize < savedState.Size)
                    {
                        _problems.Add(AuditProblemKind.Truncated, _expected, $"the log's saved tree state has size {savedState.Size} but the log has {_expected} entries: entries {_expected} to {savedState.Size - 1} were deleted (the log was rolled back)");
                    }
                }
                else if (_expected == savedState.Size && !_range.Root().AsSpan().SequenceEqual(savedState.Root()))
                {
                    if (_foldInto >= 0)
                    {
                        stateFolded = savedState.Size;
                    }
                    else
                    {
                        _problems.Add(AuditProblemKind.StateMismatch, null, $"the saved tree state of size {savedState.Size} does not match the entries");
                    }
                }
            }

            if (_foldInto >= 0 && (_folded > 0 || stateFolded is not null))
            {
                var heads = _folded switch
                {
                    0 => null,
                    1 => $"the signed tree head of size {_foldFirst}",
                    _ => $"{_folded} signed tree heads (sizes {_foldFirst} to {_foldLast})",
                };
                var state = stateFolded is { } size ? $"the saved tree state of size {size}" : null;
                var plural = _folded > 1 || (heads is not null && state is not null);
                var what = string.Join(" and ", new[] { heads, state }.OfType<string>()) + (plural ? " do" : " does") + " not match the log";
                _problems.Append(_foldInto, _foldIsMove ? "; so " + what : "; " + what + " either");
            }

            return new AuditVerificationReport(_read, _problems.ToList(), _notes, _checkedHeads, latest);
        }

        private bool SameSizeHeadMatches(SignedTreeHead head)
        {
            foreach (var other in _sorted)
            {
                if (!ReferenceEquals(other, head) && other.TreeSize == head.TreeSize && _root.AsSpan().SequenceEqual(other.RootHash))
                {
                    return true;
                }
            }

            return false;
        }

        private void CheckHeads()
        {
            while (_next < _sorted.Length && _sorted[_next].TreeSize == _range.Size)
            {
                _range.Root(_root);
                var head = _sorted[_next++];
                _checkedHeads++;
                if (!_root.AsSpan().SequenceEqual(head.RootHash))
                {
                    if (_unsigned.Contains(head))
                    {
                        continue; // already named as unsigned; a forged or damaged head says nothing about the entries
                    }

                    if (SameSizeHeadMatches(head))
                    {
                        _problems.Add(AuditProblemKind.RootMismatch, null, $"the tree head of size {head.TreeSize} signed at {head.Timestamp.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} does not match the log, while another signed head of that size does: it is not a head of this log (forged, or from another log)");
                        continue;
                    }

                    if (_foldInto < 0 && _movePosition >= 0 && _moveIndex >= _lastGood && _moveIndex < head.TreeSize)
                    {
                        (_foldInto, _foldIsMove) = (_movePosition, true);
                    }

                    if (_foldInto >= 0)
                    {
                        _foldFirst = _folded++ == 0 ? head.TreeSize : _foldFirst;
                        _foldLast = head.TreeSize;
                        continue;
                    }

                    var from = Math.Min(_lastGood, Math.Max(head.TreeSize - 1, 0));
                    _foldInto = _problems.Add(AuditProblemKind.RootMismatch, from, $"entries 0 to {head.TreeSize - 1} do not hash to the root of the tree head of size {head.TreeSize}: an entry from {from} to {head.TreeSize - 1} was changed with its leaf hash");
                }
                else
                {
                    _lastGood = head.TreeSize;
                }
            }
        }
    }

    /// <summary>One buffer of rows with their computed leaf hashes, carried indexes, errors and block roots.</summary>
    private sealed class Chunk
    {
        public AuditLeaf[] Rows { get; } = new AuditLeaf[Checker.BufferRows];

        public byte[] Hashes { get; } = new byte[Checker.BufferRows * MerkleHasher.HashSize];

        public long[] Carried { get; } = new long[Checker.BufferRows];

        public string?[] Errors { get; } = new string?[Checker.BufferRows];

        public bool[] BlockClean { get; } = new bool[Checker.BufferRows / Checker.Block];

        public byte[] BlockRoots { get; } = new byte[Checker.BufferRows / Checker.Block * MerkleHasher.HashSize];

        public int Count { get; set; }
    }

    private sealed class ProblemList
    {
        private readonly List<AuditProblem> _items = [];
        private long _dropped;

        /// <summary>Adds a problem; its position in the list, or -1 when it was only counted.</summary>
        public int Add(AuditProblemKind kind, long? index, string message)
        {
            if (_items.Count < MaxListedProblems)
            {
                _items.Add(new AuditProblem(kind, index, message));
                return _items.Count - 1;
            }

            _dropped++;
            return -1;
        }

        public void Append(int position, string text) => _items[position] = _items[position] with { Message = _items[position].Message + text };

        public void Replace(int position, string message) => _items[position] = _items[position] with { Message = message };

        public List<AuditProblem> ToList()
        {
            if (_dropped > 0)
            {
                _items.Add(new AuditProblem(_items[^1].Kind, null, $"{_dropped} more problems were not listed"));
            }

            return _items;
        }
    }
}
