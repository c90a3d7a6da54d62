using System.Buffers;
using System.Globalization;

namespace NeedToKnow.Server.Endpoints;

/// <summary>
/// The rules for ids and times that come from outside, in one place, for every API entry (decide, decide-batch, answers,
/// consent endpoints, user tokens). Each check returns null when the value is acceptable, else a one-line message
/// naming the field, for a 400 problem.
/// </summary>
internal static class Inputs
{
    /// <summary>The longest user id.</summary>
    public const int MaxUserId = 128;

    /// <summary>The longest app id.</summary>
    public const int MaxAppId = 64;

    /// <summary>The longest gate target (a privacy API or privacy key) or privacy key.</summary>
    public const int MaxTarget = 200;

    /// <summary>The earliest time a host may report (anything before is a clock or a default value, not an event).</summary>
    public static readonly DateTimeOffset EarliestTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly SearchValues<char> AppIdChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    /// <summary>A user id: 1 to 128 characters, no control character.</summary>
    public static string? UserId(string? value, string field = "userId") =>
        string.IsNullOrEmpty(value) || value.Length > MaxUserId
            ? "`" + field + "` is required (at most " + MaxUserId + " characters)"
            : Control(value, field);

    /// <summary>An app id: 1 to 64 of <c>[A-Za-z0-9_-]</c> (no control character, by construction).</summary>
    public static string? AppId(string? value, string field = "appId") =>
        string.IsNullOrEmpty(value) || value.Length > MaxAppId || value.AsSpan().ContainsAnyExcept(AppIdChars)
            ? "`" + field + "` must be 1 to " + MaxAppId + " letters, digits, `_` or `-`"
            : null;

    /// <summary>A gate target, privacy key or scope: 1 to 200 characters, no control character.</summary>
    public static string? Name(string? value, string field, string what) =>
        string.IsNullOrEmpty(value) || value.Length > MaxTarget
            ? "`" + field + "` (" + what + ") is required (at most " + MaxTarget + " characters)"
            : Control(value, field);

    /// <summary>
    /// A time the host reports: not before <see cref="EarliestTime"/> and at most <paramref name="skew"/> after
    /// <paramref name="now"/> (the server's clock); null (meaning now) is acceptable.
    /// </summary>
    public static string? Time(DateTimeOffset? value, DateTimeOffset now, TimeSpan skew, string field = "time")
    {
        if (value is not { } t || (t >= EarliestTime && t <= now + skew))
        {
            return null;
        }

        return "`" + field + "` must be from " + Iso(EarliestTime) + " to " + Describe(skew) + " after the server's clock (its `Date` header), or left out for now; it was " + Iso(t);
    }

    /// <summary>Whether <paramref name="value"/> holds a control character (<see cref="char.IsControl(char)"/>: U+0000-U+001F, U+007F-U+009F).</summary>
    public static bool HasControl(ReadOnlySpan<char> value) =>
        value.ContainsAnyInRange('\u0000', '\u001f') || value.ContainsAnyInRange('\u007f', '\u009f');

    private static string? Control(string value, string field)
    {
        if (!HasControl(value))
        {
            return null;
        }

        var at = value.AsSpan().IndexOfAnyInRange('\u0000', '\u001f');
        var high = value.AsSpan().IndexOfAnyInRange('\u007f', '\u009f');
        at = at < 0 ? high : high < 0 ? at : Math.Min(at, high);
        return "`" + field + "` must not contain control characters (U+" + ((int)value[at]).ToString("X4", CultureInfo.InvariantCulture) + " at position " + at + ")";
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Describe(TimeSpan skew) =>
        skew.TotalSeconds % 60 == 0 ? (skew.TotalMinutes == 1 ? "1 minute" : skew.TotalMinutes.ToString(CultureInfo.InvariantCulture) + " minutes")
            : skew.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " seconds";
}
