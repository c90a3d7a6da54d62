using NeedToKnow.Core.Diagnostics;

namespace NeedToKnow.Review.Rules;

/// <summary>One row of the review rule catalog (<c>Rules/review-rules.json</c>): a stable id, a name, a default severity, a title, a fix and its source (STYLE.md H5).</summary>
/// <param name="Id">Stable id, e.g. <c>NTK-REV-001</c>.</param>
/// <param name="Name">PascalCase name, used as the SARIF rule name.</param>
/// <param name="Severity">Default severity.</param>
/// <param name="Title">What the rule finds, one line, lowercase.</param>
/// <param name="Help">How to fix it.</param>
/// <param name="Source">Regulation article, platform doc URL or standard it implements.</param>
public sealed record ReviewRule(string Id, string Name, DiagnosticSeverity Severity, string Title, string Help, string Source);
