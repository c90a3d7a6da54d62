using NeedToKnow.Links.Homographs;

namespace NeedToKnow.Links.Policy;

/// <summary>
/// The business domains a mini-program declared for its <c>web-view</c> (业务域名): the domains and their
/// subdomains it may load. Build one per app version and reuse it: lookups allocate nothing.
/// </summary>
/// <remarks>WeChat's rules (https://developers.weixin.qq.com/miniprogram/dev/framework/ability/domain.html): at most
/// <see cref="MaxDomains"/> domains; letters, digits, <c>-</c> and dots only; any subdomain of a configured domain is
/// allowed; https only and no IP addresses (enforced by <see cref="LinkPolicy"/>).</remarks>
public sealed class BusinessDomains
{
    /// <summary>Most domains one mini-program may declare (WeChat: 300).</summary>
    public const int MaxDomains = 300;

    private readonly Lazy<LookalikeDetector> _lookalikes;

    private BusinessDomains(DomainSet set)
    {
        Set = set;
        _lookalikes = new Lazy<LookalikeDetector>(() => new LookalikeDetector(set.Items));
    }

    /// <summary>No business domains.</summary>
    public static BusinessDomains None { get; } = new(DomainSet.Empty);

    /// <summary>Number of domains.</summary>
    public int Count => Set.Count;

    internal DomainSet Set { get; }

    internal LookalikeDetector Lookalikes => _lookalikes.Value;

    /// <summary>Validates and builds the set.</summary>
    /// <param name="domains">Domain names such as <c>shop.example.com</c> (lower or upper case, no scheme, no port).</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentException">More than <see cref="MaxDomains"/> domains, or a domain with characters other than letters, digits, <c>-</c> and dots.</exception>
    public static BusinessDomains From(IEnumerable<string> domains)
    {
        ArgumentNullException.ThrowIfNull(domains);
        var list = new List<string>();
        foreach (var raw in domains)
        {
            var domain = raw.Trim();
            if (!IsValidDomain(domain))
            {
                throw new ArgumentException($"business domain `{raw}` is not a domain name: use letters, digits, `-` and dots only", nameof(domains));
            }

            list.Add(domain);
        }

        if (list.Count > MaxDomains)
        {
            throw new ArgumentException($"too many business domains: {list.Count}, the limit is {MaxDomains}", nameof(domains));
        }

        return new BusinessDomains(new DomainSet(list));
    }

    internal static bool IsValidDomain(string domain)
    {
        if (domain.Length is 0 or > 253 || domain[0] == '.' || domain[^1] == '.' || domain.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in domain)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
