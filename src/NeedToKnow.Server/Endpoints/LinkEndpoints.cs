using System.Collections.Concurrent;
using NeedToKnow.Core.Declarations;
using NeedToKnow.Links.Policy;
using NeedToKnow.Server.Auth;
using NeedToKnow.Server.Hosting;
using NeedToKnow.Server.Platform;

namespace NeedToKnow.Server.Endpoints;

/// <summary>
/// Link decisions over HTTP (host and operator): <c>POST /v1/links/decide</c> runs NeedToKnow.Links' <see cref="LinkPolicy"/>
/// (docs/links.md) on one URL in a context, with the business domains of an app's live declaration when
/// <c>appId</c> is given (WeChat web-view business domains:
/// https://developers.weixin.qq.com/miniprogram/dev/framework/ability/domain.html).
/// </summary>
internal static class LinkEndpoints
{
    /// <summary>The longest URL accepted, in characters (longer ones are a 400, not a decision).</summary>
    public const int MaxUrlLength = 8192;

    public sealed record LinkRequest(string? Url, string? Context, string? AppId, IReadOnlyList<string>? BusinessDomains, string? Title);

    public sealed record LinkView(string Url, string Context, string Decision, string Reason, int ReasonCode, string DecidedBy, string? Matched, string? CanonicalUrl, string? RegistrableDomain, string? DisplayForm);

    public static void Map(RouteGroupBuilder v1)
    {
        var links = v1.MapGroup("/links").WithTags("links").RequireAuthorization(Policies.Host);
        links.MapPost("/decide", DecideAsync)
            .Produces<LinkView>()
            .ProducesProblem(400)
            .ProducesProblem(404);
    }

    private static async Task<IResult> DecideAsync(LinkRequest request, PlatformStores stores, BusinessDomainCache cache, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request.Url) || request.Url.Length > MaxUrlLength)
        {
            return Problems.BadRequest("`url` is required (at most " + MaxUrlLength + " characters)");
        }

        LinkContextKind kind;
        switch (request.Context ?? "chat")
        {
            case "chat": kind = LinkContextKind.ChatMessage; break;
            case "article": kind = LinkContextKind.Article; break;
            case "share": kind = LinkContextKind.ShareCard; break;
            case "webview": kind = LinkContextKind.WebView; break;
            default: return Problems.BadRequest("`context` must be `chat`, `article`, `share` or `webview`, not `" + request.Context + "`");
        }

        if (request.Title is { Length: > 1024 })
        {
            return Problems.BadRequest("`title` is at most 1024 characters");
        }

        BusinessDomains? business = null;
        if (request.BusinessDomains is not null && request.AppId is not null)
        {
            return Problems.BadRequest("give `appId` or `businessDomains`, not both");
        }

        if (request.BusinessDomains is not null)
        {
            try
            {
                business = BusinessDomains.From(request.BusinessDomains);
            }
            catch (ArgumentException e)
            {
                var cut = e.Message.IndexOf(" (Parameter", StringComparison.Ordinal);
                return Problems.BadRequest(cut > 0 ? e.Message[..cut] : e.Message, "pass host names such as `shop.example.com`");
            }
        }
        else if (request.AppId is not null)
        {
            business = await cache.ForAppAsync(request.AppId, stores, ct).ConfigureAwait(false);
            if (business is null)
            {
                return Problems.NotFound("app `" + request.AppId + "` has no live declaration");
            }
        }

        var d = LinkPolicy.Default.Decide(request.Url, new LinkContext(kind, business, request.Title));
        var decision = d.Kind switch
        {
            LinkDecisionKind.OpenInApp => "openInApp",
            LinkDecisionKind.CopyToBrowser => "copyToBrowser",
            _ => "block",
        };
        return Results.Ok(new LinkView(request.Url, request.Context ?? "chat", decision, LinkReasons.Name(d.Reason), (int)d.Reason, d.DecidedBy, d.Matched, d.CanonicalUrl, d.RegistrableDomain, d.DisplayForm));
    }
}

/// <summary>The business domains of each app's live declaration, read from the store once per live version and kept for a few seconds.</summary>
internal sealed class BusinessDomainCache(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (DateTimeOffset Loaded, int Version, BusinessDomains Domains)> _apps = new(StringComparer.Ordinal);

    public async ValueTask<BusinessDomains?> ForAppAsync(string appId, PlatformStores stores, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_apps.TryGetValue(appId, out var cached) && now - cached.Loaded < Lifetime)
        {
            return cached.Domains;
        }

        var live = await GateEndpoints.LiveDeclarationAsync(stores, appId, ct).ConfigureAwait(false);
        if (live is null)
        {
            _apps.TryRemove(appId, out _);
            return null;
        }

        var domains = cached.Version == live.Version && cached.Domains is not null ? cached.Domains : Parse(live.Document);
        if (_apps.Count < 100_000)
        {
            _apps[appId] = (now, live.Version, domains);
        }

        return domains;
    }

    private static BusinessDomains Parse(string? document)
    {
        if (document is null)
        {
            return BusinessDomains.None;
        }

        var parsed = DeclarationParser.Parse(System.Text.Encoding.UTF8.GetBytes(document)).Declaration;
        try
        {
            return parsed is null ? BusinessDomains.None : BusinessDomains.From(parsed.BusinessDomains);
        }
        catch (ArgumentException)
        {
            return BusinessDomains.None;
        }
    }
}
