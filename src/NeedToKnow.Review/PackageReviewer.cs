using System.Reflection;
using System.Text;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Declarations;
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

    /// <summary>The name of the declaration file the reviewer looks for at the app root.</summary>
    public const string DeclarationFileName = "privacy.json";

    /// <summary>
    /// Reads and validates <c>privacy.json</c> at the app root of <paramref name="package"/> with the foundation's
    /// <see cref="DeclarationValidator"/> (rules <c>NTK-DECL-*</c>, docs/declaration.md), or returns null when the package has none.
    /// </summary>
    /// <param name="package">The package.</param>
    /// <param name="catalog">The catalog.</param>
    /// <returns>The validation result (diagnostics name the file <c>privacy.json</c>), or null.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DeclarationValidationResult? ReadDeclaration(MiniProgramPackage package, PrivacyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(catalog);
        return package.File(DeclarationFileName) is { } file
            ? DeclarationValidator.Validate(Encoding.UTF8.GetBytes(file.Text), DeclarationFileName, catalog)
            : null;
    }

    /// <summary>
    /// Reads and validates a declaration file given apart from the package (<c>--declaration FILE</c>). A file over
    /// <see cref="DeclarationLimits.MaxBytes"/> is not loaded: the result is unreadable with <c>NTK-DECL-003</c>.
    /// </summary>
    /// <param name="path">The file's path.</param>
    /// <param name="catalog">The catalog.</param>
    /// <returns>The validation result; diagnostics name the file by its file name.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static DeclarationValidationResult ReadDeclaration(string path, PrivacyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(catalog);
        var name = Path.GetFileName(path);
        return DeclarationParser.CheckSize(new FileInfo(path).Length, name) is { } tooLarge
            ? DeclarationValidator.Validate(DeclarationParser.Unreadable(tooLarge, name), catalog)
            : DeclarationValidator.Validate(File.ReadAllBytes(path), name, catalog);
    }

    /// <summary>Reviews <paramref name="package"/>.</summary>
    /// <param name="package">The package, from <see cref="PackageReader.Read"/>.</param>
    /// <param name="declaration">
    /// The declaration to compare with, as validated by <see cref="DeclarationValidator"/> (see <see cref="ReadDeclaration(MiniProgramPackage, PrivacyCatalog)"/>),
    /// or null when there is none (finding <c>NTK-REV-013</c>). Its validation diagnostics become findings with their
    /// <c>NTK-DECL-*</c> rule ids (no contact, no change notice, vague purposes...); an unreadable one gives only those.
    /// </param>
    /// <param name="catalog">The privacy catalog (the only source of privacy API names).</param>
    /// <param name="options">Options, or null for <see cref="ReviewOptions.Default"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="package"/> or <paramref name="catalog"/> is null.</exception>
    public static ReviewReport Review(MiniProgramPackage package, DeclarationValidationResult? declaration, PrivacyCatalog catalog, ReviewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(catalog);
        options ??= ReviewOptions.Default;
        var analysis = PackageAnalysis.Run(package, catalog, options, declaration?.Declaration?.Sdks.Select(s => s.Name));
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
