using NeedToKnow.Core.Access;
using NeedToKnow.Core.Submissions;

namespace NeedToKnow.Storage;

#pragma warning disable NTK9001 // exposes Core's experimental ports

/// <content>The server's ports: submissions, app ownership and hashed API keys (migration 0200).</content>
public sealed partial class NeedToKnowStore
{
    private Submissions.SqlSubmissionStore? _submissions;
    private Access.SqlAccessKeyStore? _accessKeys;

    /// <summary>Submitted versions, the review queue and the operator's verdicts.</summary>
    public ISubmissionStore Submissions => _submissions ??= new Submissions.SqlSubmissionStore(Database);

    /// <summary>Which developer owns which app.</summary>
    public IAppOwnerStore AppOwners => _submissions ??= new Submissions.SqlSubmissionStore(Database);

    /// <summary>Hashed API keys.</summary>
    public IAccessKeyStore AccessKeys => _accessKeys ??= new Access.SqlAccessKeyStore(Database);
}
