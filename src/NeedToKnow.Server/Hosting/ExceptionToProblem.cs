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
        string title, detail, type = "bad-request";
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
                detail = Describe(json);
                break;
            case InvalidDataException damaged:
                // Stored data that no longer adds up (an audit proof over entries changed in the database): the
                // message names the rows and says to run `ntk audit verify`; it carries no stack or type names.
                log.LogError(exception, "damaged stored data on {Path}", context.Request.Path);
                status = 500;
                title = "stored data damaged";
                detail = damaged.Message;
                type = "data-damaged";
                break;
            default:
                log.LogError(exception, "unhandled error on {Path}", context.Request.Path);
                status = 500;
                title = "internal error";
                detail = "the server could not complete the request; it was logged";
                type = "internal";
                break;
        }

        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Type = "urn:ntk:problem:" + type },
        }).ConfigureAwait(false);
    }

    private static string Describe(BadHttpRequestException bad) => bad.InnerException is System.Text.Json.JsonException json
        ? Describe(json)
        : bad.Message.Split('\n')[0].TrimEnd('.').Replace("\"", "`", StringComparison.Ordinal);

    // System.Text.Json's messages name our internal .NET types ("could not be converted to ...+RegisterAppRequest");
    // a client needs the place and the kind of problem instead.
    private static string Describe(System.Text.Json.JsonException json)
    {
        var place = json.Path is { Length: > 0 } path ? " at `" + path + "`" : "";
        var position = json.LineNumber is { } line ? " (line " + (line + 1) + ", byte " + ((json.BytePositionInLine ?? 0) + 1) + ")" : "";
        var wrongType = json.Message.Contains("could not be converted", StringComparison.Ordinal);
        return wrongType ? "the request body has a value of the wrong type" + place + position + "; see the OpenAPI document at /openapi/v1.json"
            : json.Message.Contains("maximum configured depth", StringComparison.Ordinal) ? "the request body nests objects or arrays too deeply" + place + position
            : json.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) ? "the request body has the same property twice" + place + position
            : "the request body is not valid json" + place + position;
    }
}
