namespace NeedToKnow.Links.Tests.Conformance;

/// <summary>One case a conformance runner does not require to pass (STYLE.md H12).</summary>
/// <param name="Suite">The suite file, e.g. <c>IdnaTestV2</c>.</param>
/// <param name="Input">The case's input, exactly as in the file.</param>
/// <param name="Category">Why in one word: <c>unicode-data</c> (property data older than 17.0), <c>debt</c>, ...</param>
/// <param name="Reason">The full reason.</param>
public sealed record Exclusion(string Suite, string Input, string Category, string Reason);
