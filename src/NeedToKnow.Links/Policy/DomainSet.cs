using System.Collections.Frozen;

namespace NeedToKnow.Links.Policy;

/// <summary>A set of domains matched with their subdomains, without allocation: one hash probe per label of the host.</summary>
internal sealed class DomainSet
{
    private readonly FrozenSet<string> _set;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public DomainSet(IEnumerable<string> domains)
    {
        _set = domains.Select(d => d.Trim().TrimEnd('.').ToLowerInvariant()).Where(d => d.Length > 0).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static DomainSet Empty { get; } = new([]);

    public IReadOnlyCollection<string> Items => _set;

    public int Count => _set.Count;

    /// <summary>Finds the entry that <paramref name="host"/> equals or is a subdomain of.</summary>
    public bool TryMatch(ReadOnlySpan<char> host, out string? matched)
    {
        matched = null;
        if (_set.Count == 0)
        {
            return false;
        }

        if (host.Length > 0 && host[^1] == '.')
        {
            host = host[..^1]; // a fully qualified name (RFC 1034 §3.1) is the same domain
        }

        while (true)
        {
            if (_lookup.TryGetValue(host, out var entry))
            {
                matched = entry;
                return true;
            }

            var dot = host.IndexOf('.');
            if (dot < 0)
            {
                return false;
            }

            host = host[(dot + 1)..];
        }
    }
}
