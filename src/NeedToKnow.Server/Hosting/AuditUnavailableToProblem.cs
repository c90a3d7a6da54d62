using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using NeedToKnow.Core.Audit;
using NeedToKnow.Core.Storage;

namespace NeedToKnow.Server.Hosting;

/// <summary>
/// A request that must write an audit record while the audit log pushes back (its queue is full:
/// <see cref="AuditPushbackException"/>; its store failed the batch: <see cref="AuditLogUnavailableException"/>; or the
/// store is unreachable: <see cref="StoreUnavailableException"/>) gets 503 with a Retry-After header (RFC 9110 §10.2.3,
/// whole seconds) and an RFC 9457 problem details body, never a hang or a 500. Registered before
/// <see cref="ExceptionToProblem"/>, which handles everything else.
/// </summary>
internal sealed class AuditUnavailableToProblem(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        (TimeSpan retry, string detail) = exception switch
        {
            AuditPushbackException p => (p.RetryAfter, "the audit log is overloaded and did not take the record; retry later"),
            AuditLogUnavailableException u => (u.RetryAfter, u.Stopped
                ? "the audit log stopped after a failed commit; nothing was recorded; retry later"
                : "the audit log's store is unavailable; nothing was recorded; retry later"),
            StoreUnavailableException => (TimeSpan.FromSeconds(1), "the store is unavailable; retry later"),
            _ => (TimeSpan.Zero, ""),
        };
        if (detail.Length == 0)
        {
            return false;
        }

        var seconds = (int)Math.Clamp(Math.Ceiling(retry.TotalSeconds), 1, 3600);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "unavailable",
                Detail = detail,
                Type = "urn:ntk:problem:unavailable",
                Extensions = { ["retryAfter"] = seconds },
            },
        }).ConfigureAwait(false);
    }
}
