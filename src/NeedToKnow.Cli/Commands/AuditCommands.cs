using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NeedToKnow.Core.Audit;
using NeedToKnow.Core.Audit.Merkle;
using NeedToKnow.Core.Audit.Statistics;
using NeedToKnow.Core.Audit.Verification;
using NeedToKnow.Core.Storage;
using NeedToKnow.Storage;
using NeedToKnow.Storage.Migrations;

namespace NeedToKnow.Cli.Commands;

/// <summary>
/// <c>ntk audit</c>: verify the tamper-evident audit log against signed tree heads, print and check inclusion proofs,
/// publish a signed tree head, compute transparency statistics and export CSV for regulators (docs/audit.md).
/// </summary>
internal static class AuditCommands
{
    public static Command Create(CliOutput output)
    {
        var command = new Command("audit", "Verify the tamper-evident audit log, prove entries, publish figures");
        command.Subcommands.Add(Verify(output));
        command.Subcommands.Add(Prove(output));
        command.Subcommands.Add(VerifyProof(output));
        command.Subcommands.Add(Publish(output));
        command.Subcommands.Add(Stats(output));
        command.Subcommands.Add(Export(output));
        command.Subcommands.Add(Keygen(output));
        command.Subcommands.Add(PublicKey(output));
        return command;
    }

    private static Option<string> DbOption() => new("--db") { Description = "Store: a SQLite file path or a PostgreSQL connection string", DefaultValueFactory = _ => "ntk.db" };

    private static Command Verify(CliOutput output)
    {
        var db = DbOption();
        var fromHead = new Option<string?>("--from-head") { Description = "A signed tree head (JSON) kept earlier: the log must still match it" };
        var key = new Option<string?>("--key") { Description = "The log's public key (PEM); without it signatures are not checked" };
        var format = CommonOptions.Format("text", "json");
        var command = new Command("verify", "Recompute the log and check it against its signed tree heads; name every changed, deleted, reordered or added entry") { db, fromHead, key, format };
        command.SetAction((parse, ct) => VerifyAsync(output, parse.GetValue(db)!, parse.GetValue(fromHead), parse.GetValue(key), parse.GetValue(format)!, ct));
        return command;
    }

    internal static async Task<int> VerifyAsync(CliOutput output, string db, string? fromHead, string? keyFile, string format, CancellationToken ct)
    {
        SignedTreeHead? kept = null;
        if (fromHead is not null && !TryReadHead(output, format, fromHead, out kept))
        {
            return (int)ExitCode.UsageOrUnreadable;
        }

        TreeHeadVerifier? key = null;
        if (keyFile is not null && !TryReadKey(output, format, keyFile, out key))
        {
            return (int)ExitCode.UsageOrUnreadable;
        }

        return await WithStoreAsync(output, format, db, async store =>
        {
            var heads = (await store.AuditLog.ReadTreeHeadsAsync(ct).ConfigureAwait(false)).ToList();
            if (kept is not null && !heads.Any(h => SameHead(h, kept)))
            {
                // A kept head the store still holds byte for byte is checked once, as the store's.
                heads.Add(kept);
            }

            var state = await store.AuditLog.LoadTreeStateAsync(ct).ConfigureAwait(false);
            var report = await AuditLogVerifier.VerifyAsync(store.AuditLog.ReadAsync(0, long.MaxValue, ct), heads, key, state, ct).ConfigureAwait(false);
            if (format == "json")
            {
                output.WriteJson(new
                {
                    valid = report.IsValid,
                    entries = report.EntriesRead,
                    checkedHeads = report.CheckedHeads,
                    latestHead = report.LatestHead is null ? null : HeadJson(report.LatestHead),
                    fromHead = kept is null ? null : new { treeSize = kept.TreeSize, @checked = true, matches = report.IsValid },
                    problems = report.Problems.Select(p => new { kind = p.Kind, index = p.Index, message = p.Message }),
                    notes = report.Notes,
                });
            }
            else
            {
                foreach (var p in report.Problems)
                {
                    output.Out.WriteLine($"problem: {p.Message}");
                }

                foreach (var n in report.Notes)
                {
                    output.Out.WriteLine($"note: {n}");
                }

                output.Out.WriteLine(report.IsValid
                    ? $"ok: {report.EntriesRead} entries match {report.CheckedHeads} signed tree head(s){(kept is null ? "" : $", including the kept head of size {kept.TreeSize} from --from-head")}{(report.LatestHead is { } h ? $", latest size {h.TreeSize} at {Utc(h.Timestamp)} root {Convert.ToBase64String(h.RootHash)}" : "")}"
                    : $"failed: {report.Problems.Count} problem(s) in {report.EntriesRead} entries");
            }

            return report.IsValid ? ExitCode.Success : ExitCode.Problems;
        }, ct).ConfigureAwait(false);
    }

    private static bool SameHead(SignedTreeHead a, SignedTreeHead b) =>
        a.TreeSize == b.TreeSize && a.Timestamp == b.Timestamp && a.RootHash.AsSpan().SequenceEqual(b.RootHash) && a.Signature.AsSpan().SequenceEqual(b.Signature);

    private static Command Prove(CliOutput output)
    {
        var db = DbOption();
        var entry = new Option<long>("--entry")
        {
            Description = "The entry index",
            Required = true,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
                {
                    return index;
                }

                result.AddError($"--entry `{text}` is not an entry index: give a whole number, 0 for the first entry");
                return 0;
            },
        };
        var size = new Option<long?>("--size") { Description = "The tree size (default: the latest signed tree head's)" };
        var command = new Command("prove", "Print an inclusion proof of one entry against a signed tree head, as JSON") { db, entry, size };
        command.SetAction((parse, ct) => ProveAsync(output, parse.GetValue(db)!, parse.GetValue(entry), parse.GetValue(size), ct));
        return command;
    }

    internal static async Task<int> ProveAsync(CliOutput output, string db, long index, long? size, CancellationToken ct)
    {
        // The proof goes to standard output (often redirected to a file); errors go to standard error as text.
        return await WithStoreAsync(output, "text", db, async store =>
        {
            var heads = await store.AuditLog.ReadTreeHeadsAsync(ct).ConfigureAwait(false);
            var head = size is null ? heads.LastOrDefault() : heads.LastOrDefault(h => h.TreeSize == size);
            if (head is null)
            {
                output.Fail("text", size is null ? "the log has no signed tree head yet" : $"no signed tree head has size {size}", "run `ntk audit publish --key KEY` or wait for the server to publish one");
                return ExitCode.UsageOrUnreadable;
            }

            if (index < 0 || index >= head.TreeSize)
            {
                output.Fail("text", $"entry {index} is not in the tree of size {head.TreeSize}", $"give an index from 0 to {head.TreeSize - 1}");
                return ExitCode.UsageOrUnreadable;
            }

            var integrator = await AuditIntegrator.RestoreAsync(store.AuditLog, ct).ConfigureAwait(false);
            var proof = new AuditProofService(integrator).ProveInclusion(index, head.TreeSize);
            byte[] entryBytes = [];
            await foreach (var row in store.AuditLog.ReadAsync(index, index + 1, ct).ConfigureAwait(false))
            {
                entryBytes = row.Entry;
            }

            if (!MerkleHasher.HashLeaf(entryBytes).AsSpan().SequenceEqual(proof.LeafHash))
            {
                // A proof of the stored leaf hash would not prove these bytes: verify-proof would reject it.
                output.Fail("text", $"entry {index} no longer matches its stored leaf hash: it was changed in the store", "run `ntk audit verify` to see every changed entry");
                return ExitCode.Problems;
            }

            output.WriteJson(new ProofFile(proof.LeafIndex, proof.TreeSize, proof.LeafHash, proof.Hashes, entryBytes, HeadJson(head)));
            return ExitCode.Success;
        }, ct).ConfigureAwait(false);
    }

    private static Command VerifyProof(CliOutput output)
    {
        var proof = new Argument<string>("proof") { Description = "The proof JSON printed by `ntk audit prove` (a file, or - for standard input)" };
        var key = new Option<string>("--key") { Description = "The log's public key (PEM)", Required = true };
        var format = CommonOptions.Format("text", "json");
        var command = new Command("verify-proof", "Check an inclusion proof offline against its signed tree head and the log's public key") { proof, key, format };
        command.SetAction(parse => VerifyProofFile(output, parse.GetValue(proof)!, parse.GetValue(key)!, parse.GetValue(format)!));
        return command;
    }

    internal static int VerifyProofFile(CliOutput output, string file, string keyFile, string format)
    {
        if (!TryReadKey(output, format, keyFile, out var key))
        {
            return (int)ExitCode.UsageOrUnreadable;
        }

        if (!TryReadSmall(output, format, file, "an inclusion proof", out var text))
        {
            return (int)ExitCode.UsageOrUnreadable;
        }

        ProofFile? proof;
        try
        {
            proof = JsonSerializer.Deserialize<ProofFile>(text, CliOutput.Json);
        }
        catch (JsonException e)
        {
            // System.Text.Json says "could not be converted" for a value of the wrong type; anything else is syntax.
            var wrongType = e.Message.Contains("could not be converted", StringComparison.Ordinal);
            var why = !wrongType ? $"not valid JSON at line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}"
                : e.Path is null or "$" ? "expected the JSON object that `ntk audit prove` prints"
                : e.Path.TrimStart('$', '.') == "hashes" ? "`hashes` must be an array of base64 hashes"
                : Base64Fields.Any(f => e.Path.TrimStart('$', '.').StartsWith(f, StringComparison.Ordinal)) ? $"`{e.Path.TrimStart('$', '.')}` must be base64"
                : $"`{e.Path.TrimStart('$', '.')}` has the wrong type";
            return (int)output.Fail(format, $"`{file}` is not an inclusion proof: {why}");
        }

        if (proof?.TreeHead is null || proof.Hashes is null || proof.LeafHash is null || proof.Entry is null)
        {
            return (int)output.Fail(format, $"`{file}` is not an inclusion proof: `treeHead`, `leafHash`, `hashes` and `entry` are required");
        }

        var head = new SignedTreeHead(proof.TreeHead.TreeSize, DateTimeOffset.FromUnixTimeMilliseconds(proof.TreeHead.Timestamp), proof.TreeHead.RootHash ?? [], proof.TreeHead.Signature ?? []);
        var result = AuditProofVerifier.VerifyInclusion(proof.Entry, new InclusionProof(proof.LeafIndex, proof.TreeSize, proof.LeafHash, proof.Hashes), head, key!);
        string? described = null;
        if (AuditEntryCodec.TryDecode(proof.Entry, out _, out var entry, out _))
        {
            described = string.Join(' ', new[] { entry.Kind.ToString(), entry.AppId, entry.PrivacyKey, entry.ReasonCode, entry.Outcome }.Where(p => p.Length > 0)) + " at " + Utc(entry.Time);
        }

        if (format == "json")
        {
            output.WriteJson(new { valid = result.IsValid, leafIndex = proof.LeafIndex, treeSize = proof.TreeSize, entry = described, problem = result.Problem });
        }
        else
        {
            output.Out.WriteLine(result.IsValid
                ? $"ok: entry {proof.LeafIndex} ({described}) is in the log of size {proof.TreeSize} signed at {Utc(head.Timestamp)}"
                : $"failed: entry {proof.LeafIndex}{(described is null ? "" : $" ({described})")} is not proven in the log of size {proof.TreeSize} signed at {Utc(head.Timestamp)}: {result.Problem}");
        }

        return (int)(result.IsValid ? ExitCode.Success : ExitCode.Problems);
    }

    private static Command Publish(CliOutput output)
    {
        var db = DbOption();
        var key = new Option<string>("--key") { Description = "The operator's private key (PEM, PKCS#8 or SEC 1)", Required = true };
        var command = new Command("publish", "Sign a tree head for the log as it is now and store it; prints it as JSON") { db, key };
        command.SetAction((parse, ct) => PublishAsync(output, parse.GetValue(db)!, parse.GetValue(key)!, ct));
        return command;
    }

    internal static async Task<int> PublishAsync(CliOutput output, string db, string keyFile, CancellationToken ct)
    {
        if (!TryReadSmall(output, "text", keyFile, "a signing key", out var pem))
        {
            return (int)ExitCode.UsageOrUnreadable;
        }

        TreeHeadSigner signer;
        try
        {
            signer = TreeHeadSigner.FromPem(pem);
        }
        catch (ArgumentException e)
        {
            return (int)output.Fail("text", $"cannot use the signing key `{keyFile}`: {WithoutParameter(e)}", "give the operator's private key, e.g. the `ntk-audit-key.pem` that `ntk serve` keeps beside its database");
        }

        using (signer)
        {
            return await WithStoreAsync(output, "text", db, async store =>
            {
                var heads = await store.AuditLog.ReadTreeHeadsAsync(ct).ConfigureAwait(false);
                var integrator = await AuditIntegrator.RestoreAsync(store.AuditLog, ct).ConfigureAwait(false);
                AuditPublisher publisher;
                try
                {
                    publisher = new AuditPublisher(store.AuditLog, integrator, signer, TimeProvider.System, heads.Count > 0 ? heads[^1] : null);
                }
                catch (AuditKeyMismatchException)
                {
                    output.Fail("text", $"the key `{keyFile}` (id {signer.Verifier.KeyId[..16]}) did not sign this log's latest tree head", "give the key that signs this log's heads");
                    return ExitCode.UsageOrUnreadable;
                }

                var head = await publisher.PublishAsync(ct).ConfigureAwait(false);
                output.WriteJson(HeadJson(head));
                return ExitCode.Success;
            }, ct, readOnly: false).ConfigureAwait(false);
        }
    }

    private static Command Stats(CliOutput output)
    {
        var db = DbOption();
        var since = new Option<string?>("--since") { Description = "First day or instant counted (ISO 8601, UTC), e.g. 2026-11-01" };
        var until = new Option<string?>("--until") { Description = "Day or instant where counting stops (exclusive)" };
        var format = CommonOptions.Format("table", "json");
        var command = new Command("stats", "Transparency figures from the log: interceptions by key, reason and program, prompts, consent rates, hourly and daily series") { db, since, until, format };
        command.SetAction((parse, ct) => StatsAsync(output, parse.GetValue(db)!, parse.GetValue(since), parse.GetValue(until), parse.GetValue(format)!, ct));
        return command;
    }

    internal static async Task<int> StatsAsync(CliOutput output, string db, string? sinceText, string? untilText, string format, CancellationToken ct)
    {
        if (!TryParseTime(output, format, "--since", sinceText, out var since) || !TryParseTime(output, format, "--until", untilText, out var until))
        {
            return (int)ExitCode.UsageOrUnreadable;
        }

        if (since is not null && until is not null && since >= until)
        {
            return (int)output.Fail(format, $"--since `{sinceText}` is not before --until `{untilText}`: the period is empty", "give a --since earlier than --until");
        }

        return await WithStoreAsync(output, format, db, async store =>
        {
            var builder = new AuditStatisticsBuilder(since, until);
            var unreadable = 0L;
            var changed = 0L;
            var hash = new byte[MerkleHasher.HashSize];
            await foreach (var row in store.AuditLog.ReadAsync(0, long.MaxValue, ct).ConfigureAwait(false))
            {
                // Published figures say when they rest on entries that no longer match their leaf hashes.
                MerkleHasher.HashLeaf(row.Entry, hash);
                if (!hash.AsSpan().SequenceEqual(row.LeafHash))
                {
                    changed++;
                }

                if (AuditEntryCodec.TryDecode(row.Entry, out _, out var entry, out _))
                {
                    builder.Add(entry);
                }
                else
                {
                    unreadable++;
                }
            }

            var stats = builder.Build();
            if (format == "json")
            {
                output.WriteJson(new { sentence = stats.Sentence, statistics = stats, unreadableEntries = unreadable, changedEntries = changed });
            }
            else
            {
                WriteTable(output.Out, stats);
                if (unreadable > 0)
                {
                    output.Out.WriteLine($"warning: {unreadable} entries could not be read; run `ntk audit verify`");
                }

                if (changed > 0)
                {
                    output.Out.WriteLine($"warning: {changed} entries do not match their stored leaf hashes and are counted as they now read; run `ntk audit verify`");
                }
            }

            return ExitCode.Success;
        }, ct).ConfigureAwait(false);
    }

    private static Command Export(CliOutput output)
    {
        var db = DbOption();
        var csv = new Option<bool>("--csv") { Description = "Write CSV (RFC 4180): one row per entry; the only format, so it may be left out" };
        var file = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output" };
        var command = new Command("export", "Export every entry for regulators") { db, csv, file };
        command.SetAction((parse, ct) => ExportAsync(output, parse.GetValue(db)!, parse.GetValue(file), ct));
        return command;
    }

    internal static async Task<int> ExportAsync(CliOutput output, string db, string? file, CancellationToken ct)
    {
        return await WithStoreAsync(output, "text", db, async store =>
        {
            var writer = file is null ? output.Out : new StreamWriter(file, false, new UTF8Encoding(false));
            try
            {
                await AuditCsv.WriteAsync(store.AuditLog.ReadAsync(0, long.MaxValue, ct), writer, ct).ConfigureAwait(false);
            }
            finally
            {
                if (file is not null)
                {
                    await writer.DisposeAsync().ConfigureAwait(false);
                }
            }

            return ExitCode.Success;
        }, ct).ConfigureAwait(false);
    }

    private static Command Keygen(CliOutput output)
    {
        var file = new Option<string?>("--output", "-o") { Description = "Write the key to this new file, readable and writable by you only (mode 0600), instead of printing it" };
        var command = new Command("keygen", "Print a new ECDSA P-256 signing key (PKCS#8 PEM) for the operator's configuration") { file };
        command.SetAction(parse =>
        {
            using var signer = TreeHeadSigner.Generate();
            var pem = signer.ExportPrivateKeyPem() + "\n";
            var path = parse.GetValue(file);
            if (path is null)
            {
                output.Out.Write(pem);
                return (int)ExitCode.Success;
            }

            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using (var stream = new StreamWriter(path, Encoding.ASCII, options))
                {
                    stream.Write(pem);
                }
            }
            catch (IOException) when (File.Exists(path) || Directory.Exists(path))
            {
                return (int)output.Fail("text", $"`{path}` exists: a signing key is never overwritten", "give a new file name");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return (int)output.Fail("text", $"cannot write `{path}`: {e.Message}", "give a file in a folder you can write");
            }

            output.Out.WriteLine($"wrote a new signing key to `{path}` (readable by you only); `ntk audit public-key --key {path}` prints its public key for auditors");
            return (int)ExitCode.Success;
        });
        return command;
    }

    private static Command PublicKey(CliOutput output)
    {
        var key = new Option<string>("--key") { Description = "The operator's private key (PEM), e.g. ntk-audit-key.pem", Required = true };
        var command = new Command("public-key", "Print the public key (PEM) of a signing key, for auditors: `verify --key` and `verify-proof --key` take it") { key };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(key)!;
            if (!TryReadKey(output, "text", file, out var verifier, "give the operator's private key (PEM), e.g. the `ntk-audit-key.pem` that `ntk serve` keeps beside its database"))
            {
                return (int)ExitCode.UsageOrUnreadable;
            }

            output.Out.WriteLine(verifier!.PublicKeyPem);
            return (int)ExitCode.Success;
        });
        return command;
    }

    // Verify, prove, stats and export only read: they never create, migrate or write into the file they check.
    private static async Task<int> WithStoreAsync(CliOutput output, string format, string db, Func<NeedToKnowStore, Task<ExitCode>> work, CancellationToken ct, bool readOnly = true)
    {
        if (!StoreConnection.TryParse(db, out var connection, out var error))
        {
            return (int)output.Fail(format, error!);
        }

        if (connection.Kind == StoreKind.Sqlite && !File.Exists(connection.Target))
        {
            return (int)output.Fail(format, $"no database at `{db}`", "give the store with `--db`");
        }

        try
        {
            if (readOnly && !await NeedToKnowStore.HasAuditLogAsync(connection, ct).ConfigureAwait(false))
            {
                return (int)output.Fail(format, $"no audit log in `{db}`: it is not a NeedToKnow store, or one without the audit tables", "give the store that `ntk serve` writes with `--db`");
            }

            var store = await NeedToKnowStore.OpenAsync(connection, new StoreOptions { Migrate = !readOnly }, ct).ConfigureAwait(false);
            await using (store.ConfigureAwait(false))
            {
                return (int)await work(store).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is StoreUnavailableException or StoreMigrationException or InvalidDataException or FormatException or InvalidCastException)
        {
            var why = e is InvalidCastException ? "a column holds a value of the wrong type (the file was edited outside ntk)" : e.Message.Split('\n')[0].TrimEnd('.');
            return (int)output.Fail(format, $"cannot read the audit log in `{db}`: {why}");
        }
    }

    private static bool TryReadHead(CliOutput output, string format, string file, out SignedTreeHead? head)
    {
        head = null;
        if (!TryReadSmall(output, format, file, "a signed tree head", out var text))
        {
            return false;
        }

        if (SignedTreeHeadJson.TryParse(text, out head, out var error))
        {
            return true;
        }

        output.Fail(format, $"`{file}`: {error}", "give a head printed by `ntk audit publish` (or the server's /v1/audit/sth)");
        return false;
    }

    private static bool TryReadKey(CliOutput output, string format, string file, out TreeHeadVerifier? key, string help = "give the log's public key as PEM (`ntk audit public-key --key PRIVATE.pem` prints it)")
    {
        key = null;
        if (!TryReadSmall(output, format, file, "a key", out var pem))
        {
            return false;
        }

        try
        {
            key = TreeHeadVerifier.FromPem(pem);
            return true;
        }
        catch (ArgumentException e)
        {
            output.Fail(format, $"cannot use the key `{file}`: {WithoutParameter(e)}", help);
            return false;
        }
    }

    /// <summary>The most a key, a signed tree head or a proof file may hold: each is a few kilobytes (STYLE.md H10).</summary>
    internal const int MaxSmallFileBytes = 1024 * 1024;

    /// <summary>Reads a key, head or proof file (or standard input for <c>-</c>) of at most <see cref="MaxSmallFileBytes"/>.</summary>
    private static bool TryReadSmall(CliOutput output, string format, string file, string what, out string text)
    {
        text = "";
        try
        {
            if (Directory.Exists(file))
            {
                output.Fail(format, $"`{file}` is a folder, not {what}");
                return false;
            }

            // Read at most one byte past the limit, whatever the file is: devices and pipes have no length to check first.
            using var stream = file == "-" ? Console.OpenStandardInput() : new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            var buffer = new byte[MaxSmallFileBytes + 1];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (read > MaxSmallFileBytes)
            {
                var size = stream.CanSeek && stream.Length > MaxSmallFileBytes ? $"has {stream.Length:N0} bytes" : $"holds more than {MaxSmallFileBytes:N0} bytes";
                output.Fail(format, $"`{file}` {size}: too large for {what} (at most {MaxSmallFileBytes:N0})");
                return false;
            }

            text = new System.Text.UTF8Encoding(false).GetString(buffer, 0, read).TrimStart('\uFEFF');
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.Fail(format, $"cannot read `{file}`: {e.Message.TrimEnd('.')}");
            return false;
        }
    }

    private static string WithoutParameter(ArgumentException e) =>
        e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static bool TryParseTime(CliOutput output, string format, string option, string? text, out DateTimeOffset? time)
    {
        time = null;
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }

        output.Fail(format, $"{option} `{text}` is not a date", "use ISO 8601, e.g. 2026-11-01 or 2026-11-01T08:00:00Z");
        return false;
    }

    // The byte fields of a proof file, written as base64 strings.
    private static readonly string[] Base64Fields = ["leafHash", "hashes", "entry", "treeHead.rootHash", "treeHead.signature"];

    // ISO 8601 dates and times only: a culture's 03/12/2026 is ambiguous.
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    private static HeadFile HeadJson(SignedTreeHead head) => new HeadFile(head.TreeSize, head.Timestamp.ToUnixTimeMilliseconds(), Utc(head.Timestamp), head.RootHash, head.Signature);

    private static void WriteTable(TextWriter w, AuditStatistics s)
    {
        w.WriteLine(s.Sentence);
        w.WriteLine();
        w.WriteLine($"{"entries",-28}{s.Entries,12:N0}");
        w.WriteLine($"{"interceptions",-28}{s.Interceptions,12:N0}");
        w.WriteLine($"{"programs intercepted",-28}{s.InterceptedPrograms,12:N0}");
        w.WriteLine($"{"prompts shown",-28}{s.PromptsShown,12:N0}");
        w.WriteLine($"{"consent rate",-28}{(s.ConsentRate is null ? "-" : s.ConsentRate.Value.ToString("P1", CultureInfo.InvariantCulture)),12}");
        w.WriteLine($"{"enforcement actions",-28}{s.EnforcementActions,12:N0}");
        w.WriteLine($"{"declarations published",-28}{s.DeclarationsPublished,12:N0}");
        Section(w, "interceptions by privacy key", s.InterceptionsByPrivacyKey);
        Section(w, "interceptions by reason code", s.InterceptionsByReasonCode);
        Section(w, "interceptions by program", s.InterceptionsByProgram);
        Section(w, "prompt outcomes", s.PromptOutcomes);
        Section(w, "consent events", s.ConsentEvents);
        w.WriteLine();
        w.WriteLine($"{"day (UTC)",-28}{"intercepted",12}{"prompts",12}{"consent",12}");
        foreach (var d in s.Daily)
        {
            w.WriteLine($"{d.Start.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),-28}{d.Interceptions,12:N0}{d.Prompts,12:N0}{d.ConsentEvents,12:N0}");
        }

        // A week of hours fits a terminal; the JSON output has the whole hourly series.
        const int MaxHours = 168;
        var hours = s.Hourly.Count > MaxHours ? s.Hourly.Skip(s.Hourly.Count - MaxHours) : s.Hourly;
        w.WriteLine();
        w.WriteLine($"{(s.Hourly.Count > MaxHours ? $"hour (UTC), last {MaxHours}" : "hour (UTC)"),-28}{"intercepted",12}{"prompts",12}{"consent",12}");
        foreach (var h in hours)
        {
            w.WriteLine($"{h.Start.UtcDateTime.ToString("yyyy-MM-dd HH:00", CultureInfo.InvariantCulture),-28}{h.Interceptions,12:N0}{h.Prompts,12:N0}{h.ConsentEvents,12:N0}");
        }
    }

    private static void Section(TextWriter w, string title, IReadOnlyList<AuditCount> counts)
    {
        if (counts.Count == 0)
        {
            return;
        }

        w.WriteLine();
        w.WriteLine(title);
        foreach (var c in counts.Take(20))
        {
            w.WriteLine($"  {(c.Name.Length == 0 ? "(none)" : c.Name),-26}{c.Count,12:N0}");
        }

        if (counts.Count > 20)
        {
            w.WriteLine($"  ... {counts.Count - 20} more (see --format json)");
        }
    }

    internal sealed record HeadFile(long TreeSize, long Timestamp, string Time, byte[]? RootHash, byte[]? Signature);

    internal sealed record ProofFile(long LeafIndex, long TreeSize, byte[]? LeafHash, byte[][]? Hashes, byte[]? Entry, HeadFile? TreeHead);
}
