using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using NeedToKnow.Core.Gate;

namespace NeedToKnow.Server.Endpoints;

/// <summary>
/// Writes gate decisions as JSON straight into the response (the hot path of <c>/v1/gate/decide</c> and
/// <c>/v1/gate/decide-batch</c>): no view objects, no reflection, enum names and property names encoded once. The shape
/// is <see cref="GateEndpoints.DecisionView"/>'s, which the OpenAPI document describes.
/// </summary>
internal static class DecisionJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private static readonly JsonEncodedText DecisionId = JsonEncodedText.Encode("decisionId");
    private static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    private static readonly JsonEncodedText ReasonName = JsonEncodedText.Encode("reasonName");
    private static readonly JsonEncodedText DecidedBy = JsonEncodedText.Encode("decidedBy");
    private static readonly JsonEncodedText Detail = JsonEncodedText.Encode("detail");
    private static readonly JsonEncodedText Key = JsonEncodedText.Encode("key");
    private static readonly JsonEncodedText DeclarationVersion = JsonEncodedText.Encode("declarationVersion");
    private static readonly JsonEncodedText Prompt = JsonEncodedText.Encode("prompt");
    private static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText Purpose = JsonEncodedText.Encode("purpose");
    private static readonly JsonEncodedText Developer = JsonEncodedText.Encode("developer");
    private static readonly JsonEncodedText Scope = JsonEncodedText.Encode("scope");
    private static readonly JsonEncodedText SeparateConsent = JsonEncodedText.Encode("separateConsent");
    private static readonly JsonEncodedText Necessary = JsonEncodedText.Encode("necessary");
    private static readonly JsonEncodedText Decisions = JsonEncodedText.Encode("decisions");

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>One decision as the response body.</summary>
    public static IResult One(in GateDecision decision) => new Single(decision);

    /// <summary>A batch's decisions as <c>{"decisions":[...]}</c>.</summary>
    public static IResult Many(GateDecision[] decisions) => new Batch(decisions);

    internal static void Write(Utf8JsonWriter w, in GateDecision d)
    {
        w.WriteStartObject();
        Span<char> id = stackalloc char[16];
        d.Id.Value.TryFormat(id, out var written, "x16", System.Globalization.CultureInfo.InvariantCulture);
        w.WriteString(DecisionId, id[..written]);
        w.WriteString(Kind, Names<DecisionKind>.Lower(d.Kind));
        w.WriteNumber(Reason, (int)d.Reason);
        w.WriteString(ReasonName, Names<GateReason>.Of(d.Reason));
        w.WriteString(DecidedBy, Names<GateCheck>.Of(d.DecidedBy));
        w.WriteString(Detail, Names<GateDetail>.Of(d.Detail));
        if (d.Key is null)
        {
            w.WriteNull(Key);
        }
        else
        {
            w.WriteString(Key, d.Key);
        }

        w.WriteNumber(DeclarationVersion, d.DeclarationVersion);
        if (d.Prompt is { } p)
        {
            w.WriteStartObject(Prompt);
            w.WriteString(Kind, Names<PromptKind>.Of(p.Kind));
            w.WriteString(Key, p.Key);
            w.WriteString(Purpose, p.Purpose);
            w.WriteString(Developer, p.DeveloperName);
            if (p.Scope is null)
            {
                w.WriteNull(Scope);
            }
            else
            {
                w.WriteString(Scope, p.Scope);
            }

            w.WriteBoolean(SeparateConsent, p.SeparateConsent);
            w.WriteBoolean(Necessary, p.Necessary);
            w.WriteNumber(DeclarationVersion, p.DeclarationVersion);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull(Prompt);
        }

        if (d.Error is null)
        {
            w.WriteNull(Error);
        }
        else
        {
            w.WriteString(Error, d.Error);
        }

        w.WriteEndObject();
    }

    private static Utf8JsonWriter Writer(HttpResponse response)
    {
        var writer = t_writer;
        if (writer is null)
        {
            writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions);
            t_writer = writer;
        }
        else
        {
            writer.Reset(response.BodyWriter);
        }

        return writer;
    }

    private static Task Finish(HttpResponse response, Utf8JsonWriter writer)
    {
        writer.Flush();
        var flush = response.BodyWriter.FlushAsync();
        return flush.IsCompletedSuccessfully ? Task.CompletedTask : flush.AsTask();
    }

    private static void Start(HttpResponse response)
    {
        response.StatusCode = 200;
        response.ContentType = "application/json; charset=utf-8";
    }

    private sealed class Single(GateDecision decision) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            Start(response);
            var writer = Writer(response);
            Write(writer, in decision);
            return Finish(response, writer);
        }
    }

    private sealed class Batch(GateDecision[] decisions) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            Start(response);
            var writer = Writer(response);
            writer.WriteStartObject();
            writer.WriteStartArray(Decisions);
            foreach (ref readonly var d in decisions.AsSpan())
            {
                Write(writer, in d);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            return Finish(response, writer);
        }
    }

    /// <summary>Enum member names, encoded once.</summary>
    private static class Names<T>
        where T : struct, Enum
    {
        private static readonly FrozenDictionary<T, JsonEncodedText> Exact =
            Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v, v => JsonEncodedText.Encode(v.ToString()));

        private static readonly FrozenDictionary<T, JsonEncodedText> Lowered =
            Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v, v => JsonEncodedText.Encode(v.ToString().ToLowerInvariant()));

        public static JsonEncodedText Of(T value) => Exact.TryGetValue(value, out var text) ? text : JsonEncodedText.Encode(value.ToString());

        public static JsonEncodedText Lower(T value) => Lowered.TryGetValue(value, out var text) ? text : JsonEncodedText.Encode(value.ToString().ToLowerInvariant());
    }
}
