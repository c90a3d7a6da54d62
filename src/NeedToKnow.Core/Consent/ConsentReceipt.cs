using System.Buffers;
using System.Text;
using System.Text.Json;

namespace NeedToKnow.Core.Consent;

/// <summary>
/// The receipt a user gets for one consent grant: who (pseudonymously), which keys and purposes, under which
/// declaration version, when and how. Shaped after the Kantara Initiative Consent Receipt Specification v1.1
/// (field names of its JSON) and ISO/IEC TS 27560:2023 (consent record information structure), and downloadable
/// by the user as JSON (<see cref="ToJson"/>).
/// </summary>
/// <param name="ReceiptId">The receipt id, <c>urn:uuid:</c> followed by the grant's event id.</param>
/// <param name="ConsentTimestamp">When the user agreed.</param>
/// <param name="CollectionMethod">How the consent was collected (popup, separate popup, settings...).</param>
/// <param name="PiiPrincipalId">The pseudonymous user id (never the person's name or phone number).</param>
/// <param name="PiiController">The developer's registered name (the personal information handler, PIPL Art. 73).</param>
/// <param name="Service">The app id.</param>
/// <param name="DeclarationVersion">The declaration version agreed to.</param>
/// <param name="Purposes">The keys and purposes agreed to.</param>
/// <param name="SeparateConsent">True when the consent was separate (PIPL Art. 29).</param>
/// <param name="LedgerSequence">The position of the grant in the consent ledger (0 when not yet stored).</param>
public sealed record ConsentReceipt(
    string ReceiptId,
    DateTimeOffset ConsentTimestamp,
    ConsentMethod CollectionMethod,
    string PiiPrincipalId,
    string PiiController,
    string Service,
    int DeclarationVersion,
    IReadOnlyList<ReceiptPurpose> Purposes,
    bool SeparateConsent,
    long LedgerSequence)
{
    /// <summary>The Kantara consent receipt version the JSON follows.</summary>
    public const string SpecVersion = "KI-CR-v1.1.0";

    /// <summary>
    /// Builds the receipt of a grant from the event and the declaration version it was given under.
    /// </summary>
    /// <param name="grant">A <see cref="ConsentEventKind.DeclarationGranted"/> event.</param>
    /// <param name="declaration">The declaration version named by the event.</param>
    /// <param name="developerName">The developer's registered name.</param>
    /// <param name="isSensitive">Whether a key is sensitive personal information (from the catalog); null treats none as sensitive.</param>
    /// <returns>The receipt.</returns>
    /// <exception cref="ArgumentException">The event is not a grant, is for another app or version, names a key the declaration lacks, or its purpose fingerprint does not match the declared text.</exception>
    public static ConsentReceipt FromGrant(ConsentEvent grant, Gate.DeclarationVersion declaration, string developerName, Func<string, bool>? isSensitive = null)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(developerName);
        if (grant.Kind != ConsentEventKind.DeclarationGranted)
        {
            throw new ArgumentException("a consent receipt is issued for a declaration grant, not for `" + grant.Kind + "`", nameof(grant));
        }

        if (grant.AppId != declaration.AppId || grant.DeclarationVersion != declaration.Version)
        {
            throw new ArgumentException("grant is for app `" + grant.AppId + "` version " + grant.DeclarationVersion + ", declaration is app `" + declaration.AppId + "` version " + declaration.Version, nameof(declaration));
        }

        var purposes = new List<ReceiptPurpose>(grant.Items.Count);
        foreach (var item in grant.Items)
        {
            Gate.DeclaredItem? declared = null;
            foreach (var d in declaration.Items)
            {
                if (d.Key == item.Key)
                {
                    declared = d;
                }
            }

            if (declared is null)
            {
                throw new ArgumentException("grant names key `" + item.Key + "`, which version " + declaration.Version + " does not declare", nameof(grant));
            }

            if (PurposeHash.Of(declared.Purpose) != item.Purpose)
            {
                throw new ArgumentException("grant for key `" + item.Key + "` was given for another purpose than the declared one", nameof(grant));
            }

            purposes.Add(new ReceiptPurpose(item.Key, declared.Purpose, item.Purpose, declared.Necessary, isSensitive?.Invoke(item.Key) ?? false));
        }

        return new ConsentReceipt("urn:uuid:" + grant.EventId.ToString("D"), grant.Time, grant.Method, grant.UserId, developerName, grant.AppId,
            grant.DeclarationVersion, purposes, grant.Method == ConsentMethod.SeparatePopup, grant.Sequence);
    }

    /// <summary>
    /// Writes the receipt as JSON with the Kantara CR v1.1 field names (<c>version</c>, <c>jurisdiction</c>,
    /// <c>consentTimestamp</c> in Unix seconds, <c>collectionMethod</c>, <c>consentReceiptID</c>, <c>language</c>,
    /// <c>piiPrincipalId</c>, <c>piiControllers</c>, <c>services[].purposes[]</c>, <c>sensitive</c>, <c>spiCat</c>)
    /// and NeedToKnow's own fields under <c>ntk</c> (declaration version, purpose fingerprints, ledger sequence).
    /// </summary>
    /// <returns>UTF-8 JSON text, indented.</returns>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("version", SpecVersion);
            w.WriteString("jurisdiction", "CN");
            w.WriteNumber("consentTimestamp", ConsentTimestamp.ToUnixTimeSeconds());
            w.WriteString("collectionMethod", MethodText(CollectionMethod));
            w.WriteString("consentReceiptID", ReceiptId);
            w.WriteString("language", "zh-CN");
            w.WriteString("piiPrincipalId", PiiPrincipalId);
            w.WriteStartArray("piiControllers");
            w.WriteStartObject();
            w.WriteString("piiController", PiiController);
            w.WriteString("onBehalf", Service);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("services");
            w.WriteStartObject();
            w.WriteString("service", Service);
            w.WriteStartArray("purposes");
            foreach (var p in Purposes)
            {
                w.WriteStartObject();
                w.WriteString("purpose", p.Purpose);
                w.WriteStartArray("purposeCategory");
                w.WriteStringValue(p.Necessary ? "necessary" : "optional");
                w.WriteEndArray();
                w.WriteString("consentType", "EXPLICIT");
                w.WriteStartArray("piiCategory");
                w.WriteStringValue(p.Key);
                w.WriteEndArray();
                w.WriteBoolean("primaryPurpose", p.Necessary);
                w.WriteString("termination", "until withdrawn in the app's settings or on the platform's privacy page, or the app is removed from the user's list");
                w.WriteBoolean("thirdPartyDisclosure", false);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            var sensitive = false;
            foreach (var p in Purposes)
            {
                sensitive |= p.Sensitive;
            }

            w.WriteBoolean("sensitive", sensitive);
            w.WriteStartArray("spiCat");
            foreach (var p in Purposes)
            {
                if (p.Sensitive)
                {
                    w.WriteStringValue(p.Key);
                }
            }

            w.WriteEndArray();
            w.WriteStartObject("ntk");
            w.WriteNumber("declarationVersion", DeclarationVersion);
            w.WriteBoolean("separateConsent", SeparateConsent);
            w.WriteNumber("ledgerSequence", LedgerSequence);
            w.WriteString("consentTime", ConsentTimestamp.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteStartObject("purposeHashes");
            foreach (var p in Purposes)
            {
                w.WriteString(p.Key, p.PurposeHash.ToString());
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string MethodText(ConsentMethod method) => method switch
    {
        ConsentMethod.PrivacyPopup => "privacy declaration popup",
        ConsentMethod.SeparatePopup => "separate consent popup",
        ConsentMethod.ScopePopup => "scope authorization popup",
        ConsentMethod.Settings => "app settings page",
        ConsentMethod.UserPage => "platform privacy page",
        ConsentMethod.Api => "api on the user's behalf",
        _ => "unknown",
    };
}
