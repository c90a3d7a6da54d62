namespace NeedToKnow.Core.Gate;

/// <summary>Reads built from the <see cref="IDeclarationStore"/> port's primitives.</summary>
public static class DeclarationStoreExtensions
{
    /// <summary>The declaration version the app's registry record points to as live.</summary>
    /// <param name="store">The declaration store.</param>
    /// <param name="appId">The app.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The live version, or null when the app is unknown or has no live version.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    public static async ValueTask<DeclarationVersion?> GetLiveVersionAsync(this IDeclarationStore store, string appId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var app = await store.GetAppAsync(appId, cancellationToken).ConfigureAwait(false);
        return app?.LiveVersion is { } version ? await store.GetVersionAsync(appId, version, cancellationToken).ConfigureAwait(false) : null;
    }
}
