using System.Collections.Frozen;

namespace NeedToKnow.Links.Policy;

/// <summary>A set of domains matched with their subdomains, without allocation: one hash probe per label of the host.</summary>
internal sealed class DomainSet
{
    private readonly FrozenSet<string> _set;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>The same entries compared ordinally, for hosts that are lowercase ASCII (every parsed domain is).</summary>
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _ordinal;

    public DomainSet(IEnumerable<string> domains)
    {
        _set = domains.Select(d => d.Trim().TrimEnd('.').ToLowerInvariant()).Where(d => d.Length > 0).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();
        _ordinal = _set.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
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

        var lookup = IsLowercaseAscii(host) ? _ordinal : _lookup;
        while (true)
        {
            if (lookup.TryGetValue(host, out var entry))
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

    /// <summary>True when <paramref name="text"/> is ASCII without uppercase letters, so ordinal equals case-insensitive comparison.</summary>
    internal static bool IsLowercaseAscii(ReadOnlySpan<char> text) => System.Text.Ascii.IsValid(text) && !text.ContainsAnyInRange('A', 'Z');
}
