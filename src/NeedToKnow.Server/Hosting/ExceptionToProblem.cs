using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace NeedToKnow.Server.Hosting;

/// <summary>
/// Turns exceptions into problem details: a bad request (malformed JSON, a body over the size limit) keeps its status
/// and says what was wrong; anything else is a 500 without a stack trace.
/// </summary>
internal sealed partial class ExceptionToProblem(IProblemDetailsService problems, ILogger<ExceptionToProblem> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        int status;
        string title, detail, type = "bad-request";
        switch (exception)
        {
            case BadHttpRequestException bad:
                status = bad.StatusCode;
                type = ProblemDefaults.Kind(status);
                title = type.Replace('-', ' ');
                detail = status switch
                {
                    413 => ProblemDefaults.TooLarge(context),
                    415 => ProblemDefaults.UnsupportedMediaType(context),
                    _ => Describe(bad),
                };
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

    // The framework's binding messages name .NET types ("Failed to bind parameter \"Nullable<DateTimeOffset> since\"
    // from \"yesterday\"", "Required parameter \"long index\" was not provided from query string"); a client needs the
    // parameter's name and what it must be.
    private static string Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is System.Text.Json.JsonException json)
        {
            return Describe(json);
        }

        var message = bad.Message.Split('\n')[0];
        if (FailedToBind().Match(message) is { Success: true } failed)
        {
            return "`" + failed.Groups["name"].Value + "` must be " + Expected(failed.Groups["type"].Value);
        }

        if (Required().Match(message) is { Success: true } missing)
        {
            return "`" + missing.Groups["name"].Value + "` is required (" + Expected(missing.Groups["type"].Value) + ")";
        }

        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal) || message.Contains("from body", StringComparison.Ordinal))
        {
            return "a JSON request body is required; see the OpenAPI document at /openapi/v1.json";
        }

        return message.TrimEnd('.').Replace("\"", "`", StringComparison.Ordinal);
    }

    private static string Expected(string type)
    {
        var t = type.StartsWith("Nullable<", StringComparison.Ordinal) ? type["Nullable<".Length..^1] : type.TrimEnd('?');
        return t switch
        {
            "DateTimeOffset" or "DateTime" or "DateOnly" => "an ISO 8601 date or time",
            "int" or "long" or "short" or "Int32" or "Int64" or "Int16" or "uint" or "ulong" => "an integer",
            "double" or "float" or "decimal" or "Double" or "Single" or "Decimal" => "a number",
            "bool" or "Boolean" => "`true` or `false`",
            "Guid" => "a GUID",
            "string" or "String" => "a text",
            _ => "a value of the documented form (see /openapi/v1.json)",
        };
    }

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+) (?<name>[^" ]+)" from """)]
    private static partial Regex FailedToBind();

    [GeneratedRegex("""^Required parameter "(?<type>[^"]+) (?<name>[^" ]+)" was not provided""")]
    private static partial Regex Required();

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
