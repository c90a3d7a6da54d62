using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeedToKnow.Cli;

/// <summary>Where a command writes: standard output for results, standard error for problems. Tests pass their own writers.</summary>
/// <param name="Out">Results.</param>
/// <param name="Error">Errors and progress.</param>
public sealed record CliOutput(TextWriter Out, TextWriter Error)
{
    /// <summary>JSON options for every <c>--format json</c> output: camelCase, indented, enums as strings, CJK unescaped.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The console.</summary>
    public static CliOutput Console { get; } = new(System.Console.Out, System.Console.Error);

    /// <summary>Writes <paramref name="value"/> as JSON to <see cref="Out"/>.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">What to write.</param>
    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>
    /// Reports an error that stops the command: as <c>{"error": {...}}</c> on standard output when JSON was asked
    /// for, else as <c>error: message</c> on standard error.
    /// </summary>
    /// <param name="format">The output format the user chose.</param>
    /// <param name="message">One line, lowercase, no final period.</param>
    /// <param name="help">How to fix it, or null.</param>
    /// <returns><see cref="ExitCode.UsageOrUnreadable"/>.</returns>
    public ExitCode Fail(string format, string message, string? help = null)
    {
        if (format == "json")
        {
            WriteJson(new { error = new { message, help } });
        }
        else
        {
            Error.WriteLine("error: " + message);
            if (help is not null)
            {
                Error.WriteLine("help: " + help);
            }
        }

        return ExitCode.UsageOrUnreadable;
    }
}
