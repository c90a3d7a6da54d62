using System.Globalization;

namespace NeedToKnow.Core.Audit;

/// <summary>
/// The audit log as CSV for regulators (RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted):
/// one row per stored entry, the same from <c>ntk audit export</c> and <c>GET /v1/audit/export.csv</c>. Rows are
/// written as they are read, so a log of any size is exported in constant memory.
/// </summary>
public static class AuditCsv
{
    /// <summary>
    /// The header row. <c>time</c> is UTC ISO 8601 with milliseconds; <c>privacy_key</c> is the key, or the scope for
    /// a scope consent event; <c>user_hash</c> is the keyed pseudonym; <c>leaf_hash</c> is base64, as in proofs.
    /// </summary>
    public const string Header = "index,kind,time,app,app_version,privacy_key,api,reason_code,outcome,user_hash,leaf_hash";

    /// <summary>One row (without its line end); an entry that cannot be decoded is kind <c>unreadable</c> with the reason in <c>outcome</c>.</summary>
    /// <param name="row">A stored row.</param>
    /// <returns>The CSV line.</returns>
    public static string Row(AuditLeaf row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var index = row.Index.ToString(CultureInfo.InvariantCulture);
        var leaf = Convert.ToBase64String(row.LeafHash);
        return AuditEntryCodec.TryDecode(row.Entry, out _, out var e, out var error)
            ? string.Join(',', index, Field(e.Kind.ToString()), e.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), Field(e.AppId), Field(e.AppVersion), Field(e.PrivacyKey), Field(e.Api), Field(e.ReasonCode), Field(e.Outcome), Field(e.UserHash), leaf)
            : string.Join(',', index, "unreadable", "", "", "", "", "", "", Field(error ?? ""), "", leaf);
    }

    /// <summary>Writes the header and every row of <paramref name="rows"/>.</summary>
    /// <param name="rows">The stored rows, in index order.</param>
    /// <param name="writer">Where to write.</param>
    /// <param name="cancellationToken">Stops the export.</param>
    /// <returns>The number of rows written.</returns>
    public static async Task<long> WriteAsync(IAsyncEnumerable<AuditLeaf> rows, TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteAsync(Header + "\r\n").ConfigureAwait(false);
        long count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await writer.WriteAsync(Row(row) + "\r\n").ConfigureAwait(false);
            count++;
        }

        return count;
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
