using NeedToKnow.Core.Audit;
using NeedToKnow.Storage.Audit;

namespace NeedToKnow.Storage;

/// <summary>The audit log port of the store.</summary>
public sealed partial class NeedToKnowStore
{
    private AuditLogStore? _auditLog;

    /// <summary>The audit log's rows, tree state and signed tree heads (tables <c>audit_*</c>, migration 0100).</summary>
    public IAuditLogStore AuditLog => _auditLog ??= new AuditLogStore(Database);
}
