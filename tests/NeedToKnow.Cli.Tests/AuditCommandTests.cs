using System.Text.Json;
using Microsoft.Data.Sqlite;
using NeedToKnow.Core.Audit;
using NeedToKnow.Storage;

namespace NeedToKnow.Cli.Tests;

/// <summary><c>ntk audit</c> over a real SQLite file: verify, tamper with the file, prove, check proofs offline, stats, export.</summary>
public sealed class AuditCommandTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ntk-audit-" + Guid.NewGuid().ToString("n")[..12]);
    private readonly List<AuditEntry> _entries = [];

    private string Db => Path.Combine(_folder, "ntk.db");

    private string Key => Path.Combine(_folder, "key.pem");

    private string PublicKey => Path.Combine(_folder, "key.pub.pem");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        using var signer = TreeHeadSigner.Generate();
        await File.WriteAllTextAsync(Key, signer.ExportPrivateKeyPem());
        await File.WriteAllTextAsync(PublicKey, signer.Verifier.PublicKeyPem);
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var kinds = new[] { AuditEntryKind.Interception, AuditEntryKind.Interception, AuditEntryKind.Prompt, AuditEntryKind.Consent, AuditEntryKind.Enforcement };
        for (var i = 0; i < 60; i++)
        {
            _entries.Add(new AuditEntry(kinds[i % kinds.Length], start.AddHours(i * 2), "wxapp" + (i % 4), i % 3 == 0 ? "PhoneNumber" : "Location", i % 2 == 0 ? "112" : "104", new string('b', 64), i % 3 == 0 ? "granted" : "refused"));
        }

        var store = await NeedToKnowStore.OpenAsync(StoreConnection.Sqlite(Db));
        await using (store)
        {
            await using var log = await AuditLog.OpenAsync(store.AuditLog, signer, new AuditLogOptions { PublishInterval = Timeout.InfiniteTimeSpan });
            foreach (var e in _entries.Take(30))
            {
                await log.AppendAsync(e);
            }

            await log.Publisher!.PublishAsync();
            await Task.WhenAll(_entries.Skip(30).Select(e => log.AppendAsync(e).AsTask()));
        }
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, true);
        return Task.CompletedTask;
    }

    private static void Sql(string db, string sql)
    {
        using var conn = new SqliteConnection($"Data Source={db};Pooling=False");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "DROP TRIGGER IF EXISTS audit_entries_no_update; DROP TRIGGER IF EXISTS audit_entries_no_delete; DROP TRIGGER IF EXISTS audit_tree_heads_no_delete; " + sql;
        cmd.ExecuteNonQuery();
    }

    [Fact]
    public void An_untouched_log_verifies_with_exit_code_0()
    {
        var (exit, stdout, stderr) = CliRunner.Run("audit", "verify", "--db", Db, "--key", PublicKey);
        Assert.True(exit == 0, stdout + stderr);
        Assert.StartsWith("ok: 60 entries match 2 signed tree head(s), latest size 60", stdout.Trim());
    }

    [Fact]
    public void Json_output_lists_problems_and_notes()
    {
        var (exit, stdout, _) = CliRunner.Run("audit", "verify", "--db", Db, "--format", "json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        Assert.True(doc.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(60, doc.RootElement.GetProperty("entries").GetInt64());
        Assert.Equal("no public key given: tree head signatures were not checked", doc.RootElement.GetProperty("notes")[0].GetString());
    }

    [Fact]
    public void One_changed_byte_in_the_database_file_is_found_and_named()
    {
        var target = AuditEntryCodec.Encode(17, _entries[17]);
        SqliteConnection.ClearAllPools();
        var file = File.ReadAllBytes(Db);
        Assert.False(File.Exists(Db + "-wal") && new FileInfo(Db + "-wal").Length > 0, "the WAL was not checkpointed");
        var copies = 0;
        for (var at = file.AsSpan().IndexOf(target); at >= 0; at = file.AsSpan().IndexOf(target))
        {
            file[at + 21] ^= 0x01; // one byte of the app id (still valid UTF-8): only the content changes
            copies++;
        }

        Assert.True(copies > 0, "entry 17 not found in the file");
        File.WriteAllBytes(Db, file);
        var (exit, stdout, _) = CliRunner.Run("audit", "verify", "--db", Db, "--key", PublicKey);
        Assert.Equal(1, exit);
        Assert.Contains("problem: entry 17 does not match its stored leaf hash: it was changed", stdout);
    }

    [Fact]
    public void A_deleted_row_is_found_and_named()
    {
        Sql(Db, "DELETE FROM audit_entries WHERE idx = 12;");
        var (exit, stdout, _) = CliRunner.Run("audit", "verify", "--db", Db, "--key", PublicKey);
        Assert.Equal(1, exit);
        Assert.Contains("problem: entry 12 is missing (deleted)", stdout);
    }

    [Fact]
    public void Two_swapped_rows_are_found_and_named()
    {
        Sql(Db, """
            UPDATE audit_entries SET idx = -1 WHERE idx = 5;
            UPDATE audit_entries SET idx = 5 WHERE idx = 9;
            UPDATE audit_entries SET idx = 9 WHERE idx = -1;
            """);
        var (exit, stdout, _) = CliRunner.Run("audit", "verify", "--db", Db, "--key", PublicKey);
        Assert.Equal(1, exit);
        Assert.Contains("problem: entry 5 holds the entry of index 9: rows were swapped or moved", stdout);
        Assert.Contains("problem: entry 9 holds the entry of index 5: rows were swapped or moved", stdout);
    }

    [Fact]
    public void A_row_appended_behind_the_logs_back_is_found_and_named()
    {
        var entry = AuditEntryCodec.Encode(60, _entries[0]);
        Sql(Db, $"INSERT INTO audit_entries (idx, entry, leaf_hash) VALUES (60, x'{Convert.ToHexStringLower(entry)}', x'{Convert.ToHexStringLower(Core.Audit.Merkle.MerkleHasher.HashLeaf(entry))}');");
        var (exit, stdout, _) = CliRunner.Run("audit", "verify", "--db", Db, "--key", PublicKey);
        Assert.Equal(1, exit);
        Assert.Contains("problem: entries 60 to 60 lie beyond the log's saved tree state of size 60: they were appended behind its back", stdout);
    }

    [Fact]
    public async Task A_log_rewritten_since_a_kept_head_fails_against_that_head()
    {
        var (_, headJson, _) = CliRunner.Run("audit", "publish", "--db", Db, "--key", Key);
        var kept = Path.Combine(_folder, "kept.json");
        await File.WriteAllTextAsync(kept, headJson);
        Sql(Db, "DELETE FROM audit_tree_heads; DELETE FROM audit_entries WHERE idx >= 40; DELETE FROM audit_tree_state;");
        var (exit, stdout, _) = CliRunner.Run("audit", "verify", "--db", Db, "--key", PublicKey, "--from-head", kept);
        Assert.Equal(1, exit);
        Assert.Contains("problem: the tree head of size 60 covers entries up to 59 but the log has 40: entries 40 to 59 were deleted", stdout);
    }

    [Fact]
    public async Task A_proof_printed_by_prove_verifies_offline_and_a_tampered_one_does_not()
    {
        var (exit, proofJson, err) = CliRunner.Run("audit", "prove", "--entry", "23", "--db", Db);
        Assert.True(exit == 0, err);
        var file = Path.Combine(_folder, "proof.json");
        await File.WriteAllTextAsync(file, proofJson);
        var (ok, stdout, _) = CliRunner.Run("audit", "verify-proof", file, "--key", PublicKey);
        Assert.Equal(0, ok);
        Assert.StartsWith("ok: entry 23 (Consent wxapp3 Location 104 refused at 2026-11-02T22:00:00.000Z) is in the log of size 60", stdout);
        using var doc = JsonDocument.Parse(proofJson);
        var tampered = proofJson.Replace("\"leafIndex\": 23", "\"leafIndex\": 22", StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, tampered);
        var (bad, badOut, _) = CliRunner.Run("audit", "verify-proof", file, "--key", PublicKey);
        Assert.Equal(1, bad);
        Assert.StartsWith("failed: entry 22 (Consent wxapp3 ", badOut);
        Assert.Contains("is not proven in the log of size 60 signed at ", badOut, StringComparison.Ordinal);
        Assert.Contains(": calculated root ", badOut, StringComparison.Ordinal);
        Assert.Contains(Convert.ToBase64String(doc.RootElement.GetProperty("treeHead").GetProperty("rootHash").GetBytesFromBase64()), badOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Prove_refuses_an_entry_changed_in_the_store()
    {
        Sql(Db, "UPDATE audit_entries SET entry = entry || x'00' WHERE idx = 5");
        var (exit, stdout, stderr) = CliRunner.Run("audit", "prove", "--entry", "5", "--db", Db);
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains("entry 5 no longer matches its stored leaf hash: it was changed in the store", stderr, StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run("audit", "prove", "--entry", "6", "--db", Db).Exit);
    }

    [Fact]
    public async Task A_kept_head_equal_to_a_stored_one_is_checked_once_and_named()
    {
        var (_, headJson, _) = CliRunner.Run("audit", "publish", "--db", Db, "--key", Key);
        var kept = Path.Combine(_folder, "kept-same.json");
        await File.WriteAllTextAsync(kept, headJson);
        var (exit, stdout, _) = CliRunner.Run("audit", "verify", "--db", Db, "--key", PublicKey, "--from-head", kept);
        Assert.Equal(0, exit);
        Assert.StartsWith("ok: 60 entries match 2 signed tree head(s), including the kept head of size 60 from --from-head, latest size 60", stdout.Trim());
        (exit, stdout, _) = CliRunner.Run("audit", "verify", "--db", Db, "--from-head", kept, "--format", "json");
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(2, doc.RootElement.GetProperty("checkedHeads").GetInt32());
        Assert.Equal(60, doc.RootElement.GetProperty("fromHead").GetProperty("treeSize").GetInt64());
        Assert.True(doc.RootElement.GetProperty("fromHead").GetProperty("matches").GetBoolean());
    }

    [Fact]
    public void Keygen_writes_a_new_key_file_readable_by_the_owner_only_and_never_overwrites()
    {
        var file = Path.Combine(_folder, "new-key.pem");
        var (exit, stdout, _) = CliRunner.Run("audit", "keygen", "-o", file);
        Assert.Equal(0, exit);
        Assert.Contains("wrote a new signing key to `" + file + "`", stdout, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(file), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        var before = File.ReadAllText(file);
        var (again, _, stderr) = CliRunner.Run("audit", "keygen", "--output", file);
        Assert.Equal(2, again);
        Assert.Contains("`" + file + "` exists: a signing key is never overwritten", stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(file));
        Assert.Equal(0, CliRunner.Run("audit", "public-key", "--key", file).Exit);
    }

    [Fact]
    public void Public_key_on_a_file_that_is_no_key_asks_for_the_private_key()
    {
        var text = Path.Combine(_folder, "garbage.txt");
        File.WriteAllText(text, "garbage");
        var (exit, _, stderr) = CliRunner.Run("audit", "public-key", "--key", text);
        Assert.Equal(2, exit);
        Assert.Contains("give the operator's private key (PEM), e.g. the `ntk-audit-key.pem` that `ntk serve` keeps beside its database", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("public-key --key PRIVATE.pem", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proof_whose_hashes_are_not_an_array_says_so()
    {
        var file = Path.Combine(_folder, "hashes.json");
        File.WriteAllText(file, "{\"leafIndex\": 1, \"treeSize\": 2, \"hashes\": \"x\"}");
        var (exit, _, stderr) = CliRunner.Run("audit", "verify-proof", file, "--key", PublicKey);
        Assert.Equal(2, exit);
        Assert.StartsWith("error: `" + file + "` is not an inclusion proof: `hashes` must be an array of base64 hashes", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Stats_equal_a_direct_count_over_the_log()
    {
        var (exit, stdout, _) = CliRunner.Run("audit", "stats", "--db", Db, "--since", "2026-11-02", "--format", "json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        var since = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
        var counted = _entries.Where(e => e.Time >= since).ToList();
        var intercepted = counted.Where(e => e.Kind == AuditEntryKind.Interception).ToList();
        var s = doc.RootElement.GetProperty("statistics");
        Assert.Equal(intercepted.Count, s.GetProperty("interceptions").GetInt64());
        Assert.Equal(intercepted.Select(e => e.AppId).Distinct().Count(), s.GetProperty("interceptedPrograms").GetInt64());
        Assert.Equal(counted.Count(e => e.Kind == AuditEntryKind.Prompt), s.GetProperty("promptsShown").GetInt64());
        Assert.Equal($"since 2026-11-02, {intercepted.Count} attempts to collect personal information by {intercepted.Select(e => e.AppId).Distinct().Count()} programs were intercepted", doc.RootElement.GetProperty("sentence").GetString());
        var (tableExit, table, _) = CliRunner.Run("audit", "stats", "--db", Db);
        Assert.Equal(0, tableExit);
        Assert.StartsWith("since 2026-11-01, 24 attempts to collect personal information by 4 programs were intercepted", table);
    }

    [Fact]
    public void Stats_table_has_the_daily_and_hourly_series()
    {
        var (exit, table, _) = CliRunner.Run("audit", "stats", "--db", Db);
        Assert.Equal(0, exit);
        Assert.Contains("day (UTC)", table, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^hour \(UTC\)", table);
        Assert.Matches(@"(?m)^2026-11-0\d \d\d:00 ", table);
    }

    [Fact]
    public void An_empty_period_is_a_usage_error()
    {
        var (exit, _, stderr) = CliRunner.Run("audit", "stats", "--db", Db, "--since", "2026-11-03", "--until", "2026-11-02");
        Assert.Equal(2, exit);
        Assert.Contains("is not before --until", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_date_is_a_usage_error()
    {
        var (exit, _, stderr) = CliRunner.Run("audit", "stats", "--db", Db, "--since", "yesterday-ish");
        Assert.Equal(2, exit);
        Assert.Contains("error: --since `yesterday-ish` is not a date", stderr);
    }

    [Fact]
    public void Verify_does_not_write_into_a_file_that_holds_no_audit_log()
    {
        var empty = Path.Combine(_folder, "empty.db");
        File.WriteAllBytes(empty, []);
        var (exit, _, stderr) = CliRunner.Run("audit", "verify", "--db", empty);
        Assert.Equal(2, exit);
        Assert.Contains("no audit log in", stderr, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(empty).Length);
    }

    [Fact]
    public void A_missing_database_is_unreadable()
    {
        var (exit, _, stderr) = CliRunner.Run("audit", "verify", "--db", Path.Combine(_folder, "nope.db"));
        Assert.Equal(2, exit);
        Assert.Contains("error: no database at", stderr);
    }

    [Fact]
    public void Csv_export_has_a_header_and_one_row_per_entry()
    {
        var csv = Path.Combine(_folder, "audit.csv");
        var (exit, _, _) = CliRunner.Run("audit", "export", "--csv", "--db", Db, "-o", csv);
        Assert.Equal(0, exit);
        var lines = File.ReadAllText(csv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("index,kind,time,app,app_version,privacy_key,api,reason_code,outcome,user_hash,leaf_hash", lines[0]);
        Assert.Equal(61, lines.Length);
        Assert.StartsWith("0,Interception,2026-11-01T00:00:00.000Z,wxapp0,,PhoneNumber,,112,granted,", lines[1]);

        // --csv is the only format and may be left out; the leaf hash is base64, as in proofs.
        var (again, stdout, _) = CliRunner.Run("audit", "export", "--db", Db);
        Assert.Equal(0, again);
        Assert.Equal(File.ReadAllText(csv), stdout);
        Assert.Equal(44, lines[1].Split(',')[^1].Length);
    }

    [Fact]
    public void Prove_errors_go_to_standard_error_as_text_not_into_the_proof_file()
    {
        var (exit, stdout, stderr) = CliRunner.Run("audit", "prove", "--entry", "-1", "--db", Db);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith("error: entry -1 is not in the tree of size ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_too_large_for_a_key_a_head_or_a_proof_are_refused_before_reading()
    {
        var big = Path.Combine(_folder, "big.bin");
        using (var f = File.Create(big))
        {
            f.SetLength(5L * 1024 * 1024);
        }

        foreach (var args in new[]
        {
            new[] { "audit", "verify-proof", big, "--key", PublicKey },
            ["audit", "verify", "--db", Db, "--key", big],
            ["audit", "verify", "--db", Db, "--from-head", big],
            ["audit", "publish", "--db", Db, "--key", big],
        })
        {
            var (exit, _, stderr) = CliRunner.Run(args);
            Assert.True(exit == 2, string.Join(' ', args) + ": " + stderr);
            Assert.Contains("`" + big + "` has 5,242,880 bytes: too large for ", stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Unusable_keys_heads_and_proofs_are_named_without_runtime_internals()
    {
        var text = Path.Combine(_folder, "text.txt");
        File.WriteAllText(text, "hello");
        var (exit, _, stderr) = CliRunner.Run("audit", "verify", "--db", Db, "--key", text);
        Assert.Equal(2, exit);
        Assert.StartsWith("error: cannot use the key `" + text + "`: the audit public key is not a PEM EC key (expected `-----BEGIN PUBLIC KEY-----`", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", stderr, StringComparison.Ordinal);

        var array = Path.Combine(_folder, "array.json");
        File.WriteAllText(array, "[]");
        (exit, _, stderr) = CliRunner.Run("audit", "verify-proof", array, "--key", PublicKey);
        Assert.Equal(2, exit);
        Assert.StartsWith("error: `" + array + "` is not an inclusion proof: expected the JSON object that `ntk audit prove` prints", stderr, StringComparison.Ordinal);

        File.WriteAllText(array, "{\"leafIndex\": 1,\n \"treeSize\": ");
        (exit, _, stderr) = CliRunner.Run("audit", "verify-proof", array, "--key", PublicKey);
        Assert.Equal(2, exit);
        Assert.StartsWith("error: `" + array + "` is not an inclusion proof: not valid JSON at line 2", stderr, StringComparison.Ordinal);

        File.WriteAllText(array, "{\"treeSize\": 5}");
        (exit, _, stderr) = CliRunner.Run("audit", "verify", "--db", Db, "--from-head", array);
        Assert.Equal(2, exit);
        Assert.StartsWith("error: `" + array + "`: not a signed tree head: `timestamp` is missing", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_refuses_a_key_that_did_not_sign_the_log()
    {
        var other = Path.Combine(_folder, "other.pem");
        using (var signer = TreeHeadSigner.Generate())
        {
            File.WriteAllText(other, signer.ExportPrivateKeyPem());
        }

        var (exit, stdout, stderr) = CliRunner.Run("audit", "publish", "--db", Db, "--key", other);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("did not sign this log's latest tree head", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Public_key_prints_the_key_that_verifies_the_log()
    {
        var (exit, pem, _) = CliRunner.Run("audit", "public-key", "--key", Key);
        Assert.Equal(0, exit);
        Assert.Equal(File.ReadAllText(PublicKey).Trim(), pem.Trim());
    }

    [Theory]
    [InlineData("03/12/2026")]
    [InlineData("12/03/2026")]
    [InlineData("2026-11-01 08:00")]
    [InlineData("Nov 1 2026")]
    public void Stats_dates_must_be_iso_8601(string date)
    {
        var (exit, _, stderr) = CliRunner.Run("audit", "stats", "--db", Db, "--since", date);
        Assert.Equal(2, exit);
        Assert.StartsWith("error: --since `" + date + "` is not a date", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-02")]
    [InlineData("2026-11-02T08:00")]
    [InlineData("2026-11-02T08:00:00Z")]
    [InlineData("2026-11-02T16:00:00+08:00")]
    [InlineData("2026-11-02T08:00:00.5Z")]
    public void Iso_8601_dates_are_taken(string date)
    {
        var (exit, _, stderr) = CliRunner.Run("audit", "stats", "--db", Db, "--since", date);
        Assert.True(exit == 0, stderr);
    }

    [Fact]
    public void A_device_or_pipe_is_read_only_up_to_the_limit()
    {
        var (exit, _, stderr) = CliRunner.Run("audit", "verify", "--db", Db, "--key", "/dev/zero");
        Assert.Equal(2, exit);
        Assert.StartsWith("error: `/dev/zero` holds more than 1,048,576 bytes: too large for a key", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_of_the_wrong_type_is_a_clear_error()
    {
        Sql(Db, "DROP TRIGGER IF EXISTS audit_tree_heads_no_update; UPDATE audit_tree_heads SET root_hash = 'abc'");
        var (exit, _, stderr) = CliRunner.Run("audit", "verify", "--db", Db, "--key", PublicKey);
        Assert.Equal(2, exit);
        Assert.StartsWith("error: cannot read the audit log in `" + Db + "`: a column holds a value of the wrong type", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Prove_names_an_entry_that_is_not_a_number()
    {
        var (exit, stdout, stderr) = CliRunner.Run("audit", "prove", "--entry", "abc", "--db", Db);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("--entry `abc` is not an entry index: give a whole number, 0 for the first entry", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proof_with_a_leaf_hash_that_is_not_base64_says_so()
    {
        var file = Path.Combine(_folder, "b64.json");
        File.WriteAllText(file, "{\"leafIndex\": 1, \"treeSize\": 2, \"leafHash\": \"***\"}");
        var (exit, _, stderr) = CliRunner.Run("audit", "verify-proof", file, "--key", PublicKey);
        Assert.Equal(2, exit);
        Assert.StartsWith("error: `" + file + "` is not an inclusion proof: `leafHash` must be base64", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Stats_warn_when_entries_no_longer_match_their_leaf_hashes()
    {
        Sql(Db, "UPDATE audit_entries SET entry = entry || x'00' WHERE idx = 5");
        var (exit, stdout, _) = CliRunner.Run("audit", "stats", "--db", Db);
        Assert.Equal(0, exit);
        Assert.Contains("warning: 1 entries do not match their stored leaf hashes and are counted as they now read; run `ntk audit verify`", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Prove_on_a_leaf_hash_of_the_wrong_length_is_a_clear_error()
    {
        Sql(Db, "UPDATE audit_entries SET leaf_hash = x'00' WHERE idx = 40");
        var (exit, _, stderr) = CliRunner.Run("audit", "prove", "--entry", "3", "--db", Db);
        Assert.Equal(2, exit);
        Assert.Contains("the audit log's entry 40 has a stored leaf hash of 1 bytes, not 32: run `ntk audit verify`", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
