using System.CommandLine;
using NeedToKnow.Core.Declarations;
using NeedToKnow.Core.Gate;
using NeedToKnow.Core.Storage;
using NeedToKnow.Links.Policy;
using NeedToKnow.Links.Url;
using NeedToKnow.Storage;

namespace NeedToKnow.Cli.Commands;

/// <summary>
/// <c>ntk link check URL</c>: the link decision for one URL in a context (docs/links.md, "Link policy"). Exit code 0
/// for OpenInApp, 1 for CopyToBrowser or Block, 2 for a usage error or an unreadable configuration.
/// </summary>
internal static class LinkCommands
{
    public static Command Create(CliOutput output)
    {
        var command = new Command("link", "Decide whether links open in the app, go to a browser, or are blocked");
        command.Subcommands.Add(Check(output));
        return command;
    }

    private static Command Check(CliOutput output)
    {
        var url = new Argument<string>("url") { Description = "The link to decide on" };
        var context = new Option<string>("--context") { Description = "Where the link appears: chat, article, share, webview", DefaultValueFactory = _ => "chat" };
        context.AcceptOnlyFromAmong("chat", "article", "share", "webview");
        var appDomains = new Option<string?>("--app-domains") { Description = "The app's business domains, comma-separated (a.com,b.com)" };
        var app = new Option<string?>("--app") { Description = "The app id whose live declaration's business domains apply (read from --db)" };
        var db = new Option<string>("--db") { Description = "Store for --app: a SQLite file path or a PostgreSQL connection string", DefaultValueFactory = _ => StoreConnection.DefaultSqlitePath };
        var title = new Option<string?>("--title") { Description = "The link's title or the text around it" };
        var config = new Option<string?>("--config") { Description = "An operator link-policy configuration (JSON); the embedded default otherwise" };
        var format = CommonOptions.Format("text", "json");
        var command = new Command("check", "Print the link decision for URL: kind, reason, the rule that decided, canonical URL, registrable domain, display form")
        {
            url, context, appDomains, app, db, title, config, format,
        };
        command.SetAction(parse => Run(output, new CheckOptions(parse.GetValue(url)!, parse.GetValue(context)!, parse.GetValue(appDomains),
            parse.GetValue(title), parse.GetValue(config), parse.GetValue(format)!, parse.GetValue(app), parse.GetValue(db)!)));
        return command;
    }

    /// <summary>The parsed options of <c>ntk link check</c>.</summary>
    internal sealed record CheckOptions(string Url, string Context, string? AppDomains, string? Title, string? Config, string Format, string? App = null, string Db = StoreConnection.DefaultSqlitePath);

    private static LinkContextKind ContextKind(string name) => name switch
    {
        "article" => LinkContextKind.Article,
        "share" => LinkContextKind.ShareCard,
        "webview" => LinkContextKind.WebView,
        _ => LinkContextKind.ChatMessage,
    };

    internal static int Run(CliOutput output, CheckOptions options)
    {
        var policy = LinkPolicy.Default;
        if (options.Config is not null)
        {
            string json;
            try
            {
                json = File.ReadAllText(options.Config);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return (int)output.Fail(options.Format, $"cannot read the configuration `{options.Config}`: {ex.Message.TrimEnd('.')}", "check the path and its permissions");
            }

            var diagnostics = LinkPolicyConfig.TryParse(json, options.Config, out var parsed);
            if (parsed is null)
            {
                if (options.Format == "json")
                {
                    output.WriteJson(new { error = new { message = $"the configuration `{options.Config}` is invalid", diagnostics } });
                }
                else
                {
                    foreach (var d in diagnostics)
                    {
                        output.Error.WriteLine(d.ToString());
                        if (d.Help is not null)
                        {
                            output.Error.WriteLine("  help: " + d.Help);
                        }
                    }
                }

                return (int)ExitCode.UsageOrUnreadable;
            }

            policy = new LinkPolicy(parsed);
        }

        BusinessDomains? business = null;
        if (options.AppDomains is not null && options.App is not null)
        {
            return (int)output.Fail(options.Format, "give `--app` or `--app-domains`, not both");
        }

        if (options.App is not null)
        {
            var (domains, error) = AppBusinessDomains(options.App, options.Db);
            if (domains is null)
            {
                return (int)output.Fail(options.Format, error!, "register the app and publish a declaration with `ntk serve`, or pass `--app-domains`");
            }

            business = domains;
        }
        else if (options.AppDomains is not null)
        {
            try
            {
                business = BusinessDomains.From(options.AppDomains.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
            catch (ArgumentException ex)
            {
                return (int)output.Fail(options.Format, ex.Message[..ex.Message.IndexOf(" (Parameter", StringComparison.Ordinal)], "pass host names such as `shop.example.com`");
            }
        }

        var decision = policy.Decide(options.Url, new LinkContext(ContextKind(options.Context), business, options.Title));
        var kind = decision.Kind switch
        {
            LinkDecisionKind.OpenInApp => "openInApp",
            LinkDecisionKind.CopyToBrowser => "copyToBrowser",
            _ => "block",
        };
        // The policy fails closed on an unparseable URL; say why the parser refused it.
        var parseError = decision.Reason == LinkReason.UrlUnparseable ? WhatwgUrl.Parse(options.Url) : default;
        if (options.Format == "json")
        {
            output.WriteJson(new
            {
                url = options.Url,
                parseError = parseError.Success || parseError.Error == default ? null : parseError.Error.ToString(),
                parseMessage = parseError.Success || parseError.Error == default ? null : parseError.Message,
                context = options.Context,
                decision = kind,
                reason = LinkReasons.Name(decision.Reason),
                reasonCode = (int)decision.Reason,
                decidedBy = decision.DecidedBy,
                matched = decision.Matched,
                canonicalUrl = decision.CanonicalUrl,
                registrableDomain = decision.RegistrableDomain,
                displayForm = decision.DisplayForm,
            });
        }
        else
        {
            output.Out.WriteLine($"{kind}: {LinkReasons.Name(decision.Reason)} (decided by {decision.DecidedBy}{(decision.Matched is null ? "" : ", matched `" + decision.Matched + "`")})");
            if (!parseError.Success && parseError.Error != default)
            {
                output.Out.WriteLine($"  parse error: {parseError.Error}: {parseError.Message}");
            }

            if (decision.CanonicalUrl is not null)
            {
                output.Out.WriteLine("  canonical url: " + decision.CanonicalUrl);
                output.Out.WriteLine("  display form: " + decision.DisplayForm);
            }

            if (decision.RegistrableDomain is not null)
            {
                output.Out.WriteLine("  registrable domain: " + decision.RegistrableDomain);
            }
        }

        return (int)(decision.Kind == LinkDecisionKind.OpenInApp ? ExitCode.Success : ExitCode.Problems);
    }

    /// <summary>The business domains of the app's live declaration in the store, or the reason there are none.</summary>
    private static (BusinessDomains? Domains, string? Error) AppBusinessDomains(string appId, string db)
    {
        if (!StoreConnection.TryParse(db, out var connection, out var error))
        {
            return (null, error);
        }

        if (connection.Kind == StoreKind.Sqlite && !File.Exists(connection.Target))
        {
            return (null, $"no database at `{db}` to look up app `{appId}` in");
        }

        try
        {
            return Task.Run(async () =>
            {
                var store = await NeedToKnowStore.OpenAsync(connection, new StoreOptions { Migrate = false }).ConfigureAwait(false);
                await using (store.ConfigureAwait(false))
                {
                    var live = await store.Declarations.GetLiveVersionAsync(appId).ConfigureAwait(false);
                    if (live is null)
                    {
                        return ((BusinessDomains?)null, $"app `{appId}` has no live declaration in `{db}`");
                    }

                    var declaration = live.Document is null ? null : DeclarationParser.Parse(System.Text.Encoding.UTF8.GetBytes(live.Document)).Declaration;
                    return (BusinessDomains.From(declaration?.BusinessDomains ?? []), (string?)null);
                }
            }).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is StoreUnavailableException or ArgumentException)
        {
            return (null, $"cannot read app `{appId}` from `{db}`: {e.Message.Split('\n')[0].TrimEnd('.')}");
        }
    }
}
