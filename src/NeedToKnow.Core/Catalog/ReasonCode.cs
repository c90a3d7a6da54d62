using NeedToKnow.Core.Diagnostics;

namespace NeedToKnow.Core.Catalog;

/// <summary>
/// A stable code with its message, fix and source (STYLE.md H5): the gate's reason codes (mirroring WeChat's errno
/// where one exists, https://developers.weixin.qq.com/miniprogram/dev/framework/usability/PublicErrno.html), and the
/// rule ids of declaration validation and catalog loading. Code refers to rows by <see cref="CatalogEntry.Id"/>.
/// </summary>
public sealed record ReasonCode : CatalogEntry
{
    /// <summary>Which part of NeedToKnow emits it.</summary>
    public required ReasonArea Area { get; init; }

    /// <summary>The WeChat errno it mirrors, or null.</summary>
    public long? Errno { get; init; }

    /// <summary>WeChat's errMsg for <see cref="Errno"/>, or null.</summary>
    public string? ErrMsg { get; init; }

    /// <summary>One-line message: lowercase, no final period.</summary>
    public required string Message { get; init; }

    /// <summary>How to fix it.</summary>
    public required string Help { get; init; }

    /// <summary>Default severity for rule ids (declaration, catalog, review); null for gate codes.</summary>
    public DiagnosticSeverity? Severity { get; init; }
}
