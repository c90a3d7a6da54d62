using NeedToKnow.Core.Audit;
using NeedToKnow.Server.Hosting;
using NeedToKnow.Storage;

namespace NeedToKnow.Server.Tests;

/// <summary>A store that already holds a signed audit log is never given a fresh signing key or user-hash secret.</summary>
public sealed class AuditKeyContinuityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ntk-keycontinuity-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("ntk-audit-key.pem")]
    [InlineData("ntk-secret.key")]
    public async Task A_signed_log_whose_key_file_is_missing_does_not_start(string missing)
    {
        var db = Path.Combine(_folder, "ntk.db");
        using (var signer = TreeHeadSigner.Generate())
        {
            await File.WriteAllTextAsync(Path.Combine(_folder, "ntk-audit-key.pem"), signer.ExportPrivateKeyPem());
            await File.WriteAllTextAsync(Path.Combine(_folder, "ntk-secret.key"), Convert.ToBase64String(new byte[32]));
            await using var store = await NeedToKnowStore.OpenAsync(StoreConnection.Sqlite(db));
            await using var log = await AuditLog.OpenAsync(store.AuditLog, signer, new AuditLogOptions { PublishInterval = Timeout.InfiniteTimeSpan });
            await log.AppendAsync(new AuditEntry(AuditEntryKind.Interception, DateTimeOffset.UnixEpoch, "wxapp", "Location", "112", new string('a', 64)));
            await log.Publisher!.PublishAsync();
        }

        File.Delete(Path.Combine(_folder, missing));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => NtkServer.CreateAsync(new ServerOptions { Urls = "http://127.0.0.1:0", Db = db }));
        Assert.StartsWith("the store already has a signed audit log, but ", e.Message, StringComparison.Ordinal);
        Assert.Contains("`" + Path.Combine(_folder, missing) + "` is missing: restore it from your backup", e.Message, StringComparison.Ordinal);
        Assert.Contains(missing == "ntk-secret.key" ? "pseudonymous user hash" : "split the log between two keys", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, missing)), "nothing is created in its place");
    }

    [Fact]
    public async Task A_signed_log_with_another_signing_key_does_not_start()
    {
        var db = Path.Combine(_folder, "ntk.db");
        using (var signer = TreeHeadSigner.Generate())
        {
            await using var store = await NeedToKnowStore.OpenAsync(StoreConnection.Sqlite(db));
            await using var log = await AuditLog.OpenAsync(store.AuditLog, signer, new AuditLogOptions { PublishInterval = Timeout.InfiniteTimeSpan });
            await log.AppendAsync(new AuditEntry(AuditEntryKind.Interception, DateTimeOffset.UnixEpoch, "wxapp", "Location", "112", new string('a', 64)));
            await log.Publisher!.PublishAsync();
        }

        await File.WriteAllTextAsync(Path.Combine(_folder, "ntk-secret.key"), Convert.ToBase64String(new byte[32]));
        using (var other = TreeHeadSigner.Generate())
        {
            await File.WriteAllTextAsync(Path.Combine(_folder, "ntk-audit-key.pem"), other.ExportPrivateKeyPem());
        }

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => NtkServer.CreateAsync(new ServerOptions { Urls = "http://127.0.0.1:0", Db = db }));
        Assert.StartsWith("the audit signing key (`" + Path.Combine(_folder, "ntk-audit-key.pem") + "` or the one given) did not sign this store's latest tree head", e.Message, StringComparison.Ordinal);
    }
}
