namespace NeedToKnow.Links.Idna;

/// <summary>The outcome of <see cref="Uts46.ToAscii"/> or <see cref="Uts46.ToUnicode"/>.</summary>
/// <param name="Value">The converted domain; for ToUnicode also when there are errors (labels that failed are kept as given).</param>
/// <param name="Errors">The errors recorded, or <see cref="Uts46Errors.None"/>.</param>
public readonly record struct Uts46Result(string Value, Uts46Errors Errors)
{
    /// <summary>True when no error was recorded.</summary>
    public bool Success => Errors == Uts46Errors.None;
}
