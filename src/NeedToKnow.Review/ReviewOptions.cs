using NeedToKnow.Review.Packages;

namespace NeedToKnow.Review;

/// <summary>Options of <see cref="PackageReviewer"/>.</summary>
public sealed record ReviewOptions
{
    /// <summary>The defaults: all cores, default limits.</summary>
    public static ReviewOptions Default { get; } = new();

    /// <summary>Files analysed at once; 1 for a single thread, -1 (the default) for all cores. The report is the same either way.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>The limits used when reading and analysing the package.</summary>
    public ReviewLimits Limits { get; init; } = ReviewLimits.Default;

    /// <summary>The file name the declaration was read from, for findings that point into it (e.g. <c>privacy.json</c>); null when none.</summary>
    public string? DeclarationFile { get; init; }
}
