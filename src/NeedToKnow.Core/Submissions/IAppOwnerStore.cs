using System.Diagnostics.CodeAnalysis;

namespace NeedToKnow.Core.Submissions;

/// <summary>Port: which developer account owns which app (a developer key sees only its own apps).</summary>
/// <remarks>A completed write is durable. Methods may throw when the store is unreachable.</remarks>
[Experimental("NTK9001")]
public interface IAppOwnerStore
{
    /// <summary>Records that <paramref name="developerId"/> owns <paramref name="appId"/>; an app has one owner.</summary>
    /// <param name="appId">The app.</param>
    /// <param name="developerId">The developer account id.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when recorded; false when the app already has another owner.</returns>
    ValueTask<bool> SetOwnerAsync(string appId, string developerId, CancellationToken cancellationToken = default);

    /// <summary>The owner of an app.</summary>
    /// <param name="appId">The app.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The developer id, or null when the app is unknown.</returns>
    ValueTask<string?> GetOwnerAsync(string appId, CancellationToken cancellationToken = default);

    /// <summary>Every app with its owner, ordered by app id.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Pairs of app id and developer id.</returns>
    ValueTask<IReadOnlyList<(string AppId, string DeveloperId)>> ListAsync(CancellationToken cancellationToken = default);
}
