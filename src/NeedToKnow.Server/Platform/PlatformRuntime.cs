using System.Security.Cryptography;
using System.Text;
using NeedToKnow.Core.Audit;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Gate;
using NeedToKnow.Server.Hosting;
using NeedToKnow.Storage;

namespace NeedToKnow.Server.Platform;

#pragma warning disable NTK9001 // composes Core's experimental ports

/// <summary>
/// Everything the server runs on, opened in order and closed in reverse: the store (SQLite or PostgreSQL, migrated),
/// the server's secrets, the audit log, and the gate service with its caches.
/// </summary>
internal sealed class PlatformRuntime : IAsyncDisposable
{
    private PlatformRuntime(NeedToKnowStore store, PlatformStores stores, AuditRuntime audit, GateService gate, byte[] userTokenSecret, string stateFolder)
    {
        Store = store;
        Stores = stores;
        Audit = audit;
        Gate = gate;
        UserTokenSecret = userTokenSecret;
        StateFolder = stateFolder;
    }

    public NeedToKnowStore Store { get; }

    public PlatformStores Stores { get; }

    public AuditRuntime Audit { get; }

    public GateService Gate { get; }

    public byte[] UserTokenSecret { get; }

    /// <summary>Where the server keeps its secret and the audit signing key (beside the SQLite file, or the working folder).</summary>
    public string StateFolder { get; }

    /// <exception cref="ArgumentException">The <c>--db</c> value is not a SQLite path or a PostgreSQL connection string.</exception>
    public static async Task<PlatformRuntime> OpenAsync(ServerOptions options, PrivacyCatalog catalog, CancellationToken ct)
    {
        if (!StoreConnection.TryParse(options.Db, out var connection, out var error))
        {
            throw new ArgumentException("`--db`: " + error);
        }

        var state = options.StateFolder ?? (connection.Kind == StoreKind.Sqlite
            ? Path.GetDirectoryName(Path.GetFullPath(connection.Target)) ?? Directory.GetCurrentDirectory()
            : Directory.GetCurrentDirectory());
        Directory.CreateDirectory(state);
        var store = await NeedToKnowStore.OpenAsync(connection, null, ct).ConfigureAwait(false);
        try
        {
            // A store that already holds a signed log must get back the key that signed it and the secret its user
            // hashes were keyed with: new ones would split the log between two keys and change every user's hash.
            var secretPath = Path.Combine(state, "ntk-secret.key");
            var keyPath = Path.Combine(state, "ntk-audit-key.pem");
            var heads = await store.AuditLog.ReadTreeHeadsAsync(ct).ConfigureAwait(false);
            if (heads.Count > 0)
            {
                if (options.AuditKeyPem is null && !File.Exists(keyPath))
                {
                    throw new InvalidOperationException($"the store already has a signed audit log, but its signing key `{keyPath}` is missing: restore it from your backup (a new key would split the log between two keys)");
                }

                if (!File.Exists(secretPath))
                {
                    throw new InvalidOperationException($"the store already has a signed audit log, but `{secretPath}` is missing: restore it from your backup (a new secret would change every pseudonymous user hash)");
                }
            }

            var master = LoadOrCreate(secretPath, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            var masterBytes = Convert.FromBase64String(master.Trim());
            var signerPem = options.AuditKeyPem ?? LoadOrCreate(keyPath, () =>
            {
                using var generated = TreeHeadSigner.Generate();
                return generated.ExportPrivateKeyPem();
            });
            var stores = new PlatformStores(store.Declarations, store.Consents, store.GateRecords, store.GateRecordReader, store.Submissions, store.AppOwners);
            AuditRuntime audit;
            try
            {
                audit = await AuditRuntime.OpenAsync(store.AuditLog, store.GateRecords, TreeHeadSigner.FromPem(signerPem), Derive(masterBytes, "ntk audit user hash"), TimeProvider.System, ct).ConfigureAwait(false);
            }
            catch (AuditKeyMismatchException e)
            {
                throw new InvalidOperationException($"the audit signing key (`{keyPath}` or the one given) did not sign this store's latest tree head: give the log's own key (another would split the log between two keys)", e);
            }

            var gate = new GateService(GateRules.FromCatalog(catalog), store.Declarations, store.Consents, audit, new GateServiceOptions(), TimeProvider.System);
            await gate.StartAsync(ct).ConfigureAwait(false);
            return new PlatformRuntime(store, stores, audit, gate, Derive(masterBytes, "ntk user tokens"), state);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Gate.DisposeAsync().ConfigureAwait(false);
        await Audit.DisposeAsync().ConfigureAwait(false);
        await Store.DisposeAsync().ConfigureAwait(false);
    }

    private static byte[] Derive(byte[] master, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: Encoding.UTF8.GetBytes(purpose));

    /// <summary>Reads a secret file, or makes it (owner read/write only) when it is missing.</summary>
    private static string LoadOrCreate(string path, Func<string> make)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path);
        }

        var value = make();
        var temp = path + ".tmp";
        var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temp, create))
        {
            file.Write(Encoding.UTF8.GetBytes(value));
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: false);
        return value;
    }
}
