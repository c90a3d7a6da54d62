using System.CommandLine;
using System.Globalization;
using System.Numerics;

namespace NeedToKnow.Cli;

/// <summary>Options shared by every subcommand, so that they read the same everywhere.</summary>
public static class CommonOptions
{
    /// <summary>Creates <c>--format</c> accepting <paramref name="allowed"/>; the first value is the default.</summary>
    /// <param name="allowed">Accepted values, default first, e.g. <c>text</c>, <c>json</c>.</param>
    /// <returns>The option.</returns>
    public static Option<string> Format(params string[] allowed)
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = "Output format: " + string.Join(", ", allowed),
            DefaultValueFactory = _ => allowed[0],
        };
        option.AcceptOnlyFromAmong(allowed);
        return option;
    }

    /// <summary>Refuses values of <paramref name="option"/> outside [<paramref name="min"/>, <paramref name="max"/>] with an error that names the option and the range.</summary>
    /// <typeparam name="T">A number type.</typeparam>
    /// <param name="option">The option.</param>
    /// <param name="min">The smallest value allowed.</param>
    /// <param name="max">The largest value allowed.</param>
    /// <returns>The same option.</returns>
    public static Option<T> InRange<T>(this Option<T> option, T min, T max)
        where T : INumber<T>
    {
        option.Validators.Add(result =>
        {
            T value;
            try
            {
                value = result.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                return; // not a number at all: the parser reports that error itself
            }

            if (value < min || value > max)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be from {min:#,0.###} to {max:#,0.###}, not {value}"));
            }
        });
        return option;
    }
}
