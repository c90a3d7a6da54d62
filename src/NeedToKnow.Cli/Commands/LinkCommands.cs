using System.CommandLine;
using NeedToKnow.Links.Policy;

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
        var title = new Option<string?>("--title") { Description = "The link's title or the text around it" };
        var config = new Option<string?>("--config") { Description = "An operator link-policy configuration (JSON); the embedded default otherwise" };
        var format = CommonOptions.Format("text", "json");
        var command = new Command("check", "Print the link decision for URL: kind, reason, the rule that decided, canonical URL, registrable domain, display form")
        {
            url, context, appDomains, title, config, format,
        };
        command.SetAction(parse => Run(output, new CheckOptions(parse.GetValue(url)!, parse.GetValue(context)!, parse.GetValue(appDomains),
            parse.GetValue(title), parse.GetValue(config), parse.GetValue(format)!)));
        return command;
    }

    /// <summary>The parsed options of <c>ntk link check</c>.</summary>
    internal sealed record CheckOptions(string Url, string Context, string? AppDomains, string? Title, string? Config, string Format);

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
        if (options.AppDomains is not null)
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
        if (options.Format == "json")
        {
            output.WriteJson(new
            {
                url = options.Url,
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
}
