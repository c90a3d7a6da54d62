namespace NeedToKnow.Core.Submissions;

/// <summary>Where a submitted version is in review (DESIGN.md "How data flows", 1: submission → review → approval → live).</summary>
public enum SubmissionStatus : byte
{
    /// <summary>Validated and reviewed; waiting for the operator.</summary>
    Pending = 0,

    /// <summary>The declaration is invalid (declaration validation errors); it cannot be approved.</summary>
    Invalid = 1,

    /// <summary>Approved by the operator: this version is (or was) live.</summary>
    Approved = 2,

    /// <summary>Rejected by the operator, with a reason.</summary>
    Rejected = 3,

    /// <summary>Still pending when a newer version was approved: it can no longer be approved (that would roll the app back) and left the review queue.</summary>
    Superseded = 4,
}
