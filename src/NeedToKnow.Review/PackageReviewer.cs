using System.Reflection;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Diagnostics;
using NeedToKnow.Review.Analysis;
using NeedToKnow.Review.Findings;
using NeedToKnow.Review.Json;
using NeedToKnow.Review.Packages;
using NeedToKnow.Review.Reports;
using NeedToKnow.Review.Rules;
using NeedToKnow.Review.Sites;
using NeedToKnow.Review.Wxml;

namespace NeedToKnow.Review;

/// <summary>
/// Reviews a mini-program package: finds every privacy site (JavaScript, WXML, <c>&lt;wxs&gt;</c>), reads app.json,
/// and holds what it found against the declaration (rules in <c>Rules/review-rules.json</c>, docs/review.md).
/// Each file is parsed once; files are analysed in parallel and the report does not depend on the order.
/// </summary>
public static class PackageReviewer
{
    /// <summary>The documentation of the review rules.</summary>
    public const string RulesUri = "https://github.com/needtoknow/needtoknow/blob/main/docs/review.md";

    /// <summary>Reviews <paramref name="package"/>.</summary>
    /// <param name="package">The package, from <see cref="PackageReader.Read"/>.</param>
    /// <param name="declaration">The declaration to compare with, or null when there is none (a finding says so).</param>
    /// <param name="catalog">The privacy catalog (the only source of privacy API names).</param>
    /// <param name="options">Options, or null for <see cref="ReviewOptions.Default"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="package"/> or <paramref name="catalog"/> is null.</exception>
    public static ReviewReport Review(MiniProgramPackage package, ReviewDeclaration? declaration, PrivacyCatalog catalog, ReviewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(catalog);
        options ??= ReviewOptions.Default;
        var analysis = PackageAnalysis.Run(package, catalog, options);
        var findings = new List<ReviewFinding>();
        foreach (var d in package.Diagnostics)
        {
            findings.Add(ReviewFinding.From(d));
        }

        findings.AddRange(analysis.Findings);
        FindingRules.Apply(analysis, declaration, catalog, options, findings);
        findings.Sort(CompareFindings);

        var detected = new List<DetectedKey>();
        foreach (var group in analysis.Sites.GroupBy(s => s.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            detected.Add(new DetectedKey(group.Key, [.. group]));
        }

        var root = package.Source.Replace('\\', '/').TrimEnd('/');
        if (package.Root.Length > 0)
        {
            root += "/" + package.Root;
        }

        return new ReviewReport(
            Tool,
            new ReviewPackageInfo(root, package.FileCount, package.ByteCount),
            detected,
            findings,
            analysis.Coverage(),
            analysis.WebViews,
            declaration is not null);
    }

    /// <summary>The tool record of every report.</summary>
    public static ReviewTool Tool { get; } = new(
        "ntk",
        (typeof(PackageReviewer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0],
        RulesUri);

    internal static int CompareSites(PrivacySite a, PrivacySite b)
    {
        var c = string.CompareOrdinal(a.File, b.File);
        if (c == 0)
        {
            c = a.Line.CompareTo(b.Line);
        }

        if (c == 0)
        {
            c = a.Column.CompareTo(b.Column);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.Key, b.Key);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.Api, b.Api);
        }

        if (c == 0)
        {
            c = a.Kind.CompareTo(b.Kind);
        }

        return c;
    }

    private static int CompareFindings(ReviewFinding a, ReviewFinding b)
    {
        var c = (a.File is null ? 0 : 1).CompareTo(b.File is null ? 0 : 1);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.File, b.File);
        }

        if (c == 0)
        {
            c = a.Line.CompareTo(b.Line);
        }

        if (c == 0)
        {
            c = a.Column.CompareTo(b.Column);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.RuleId, b.RuleId);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.Key, b.Key);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.Message, b.Message);
        }

        return c;
    }

    internal static ReviewFinding Finding(string ruleId, string? key, string message, string? file = null, int line = 0, int column = 0)
    {
        var rule = ReviewRules.Get(ruleId);
        return new ReviewFinding(ruleId, rule.Severity, key, message, rule.Help, file, line, column);
    }

    internal static DiagnosticSeverity SeverityOf(string ruleId) => ReviewRules.Get(ruleId).Severity;
}
