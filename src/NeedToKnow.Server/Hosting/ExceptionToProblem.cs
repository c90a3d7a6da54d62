using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace NeedToKnow.Server.Hosting;

/// <summary>
/// Turns exceptions into problem details: a bad request (malformed JSON, a body over the size limit) keeps its status
/// and says what was wrong; anything else is a 500 without a stack trace.
/// </summary>
internal sealed class ExceptionToProblem(IProblemDetailsService problems, ILogger<ExceptionToProblem> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        int status;
        string title, detail;
        switch (exception)
        {
            case BadHttpRequestException bad:
                status = bad.StatusCode;
                title = status == 413 ? "request too large" : "bad request";
                detail = status == 413 ? "the request body is over the size limit of this endpoint" : Describe(bad);
                break;
            case System.Text.Json.JsonException json:
                status = 400;
                title = "bad request";
                detail = "the request body is not valid json: " + json.Message.Split('\n')[0].TrimEnd('.').ToLowerInvariant();
                break;
            default:
                log.LogError(exception, "unhandled error on {Path}", context.Request.Path);
                status = 500;
                title = "internal error";
                detail = "the server could not complete the request; it was logged";
                break;
        }

        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Type = "urn:ntk:problem:" + (status == 500 ? "internal" : "bad-request") },
        }).ConfigureAwait(false);
    }

    private static string Describe(BadHttpRequestException bad)
    {
        var message = bad.InnerException is System.Text.Json.JsonException json
            ? "the request body is not valid json: " + json.Message
            : bad.Message;
        return message.Split('\n')[0].TrimEnd('.').Replace("\"", "`", StringComparison.Ordinal);
    }
}
