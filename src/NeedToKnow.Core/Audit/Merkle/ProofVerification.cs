namespace NeedToKnow.Core.Audit.Merkle;

/// <summary>
/// The outcome of checking a Merkle proof: valid, or the first problem found. A root mismatch names both the
/// expected and the calculated root (after transparency-dev's <c>RootMismatchError</c>), in base64 like every hash the
/// API and the proof files show.
/// </summary>
/// <param name="IsValid">True when the proof checks out.</param>
/// <param name="Problem">Why it does not (lowercase, one line), or null when valid.</param>
public readonly record struct ProofVerification(bool IsValid, string? Problem)
{
    /// <summary>A proof that checks out.</summary>
    public static ProofVerification Valid => new(true, null);

    internal static ProofVerification Invalid(string problem) => new(false, problem);

    internal static ProofVerification Match(ReadOnlySpan<byte> calculated, ReadOnlySpan<byte> expected) =>
        calculated.SequenceEqual(expected)
            ? Valid
            : Invalid($"calculated root {Convert.ToBase64String(calculated)} does not match expected root {Convert.ToBase64String(expected)}");
}
