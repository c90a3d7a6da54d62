namespace NeedToKnow.Core.Consent;

/// <summary>One purpose of a <see cref="ConsentReceipt"/>: a privacy key with the purpose text the user agreed to.</summary>
/// <param name="Key">The privacy key (the PI category).</param>
/// <param name="Purpose">The purpose text shown.</param>
/// <param name="PurposeHash">Its fingerprint, as stored in the ledger.</param>
/// <param name="Necessary">True when the item is necessary for the service (Kantara <c>primaryPurpose</c>).</param>
/// <param name="Sensitive">True for sensitive personal information (PIPL Art. 28).</param>
public sealed record ReceiptPurpose(string Key, string Purpose, PurposeHash PurposeHash, bool Necessary, bool Sensitive);
