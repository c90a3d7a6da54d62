using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using NeedToKnow.Core.Access;

namespace NeedToKnow.Server.Auth;

#pragma warning disable NTK9001 // uses Core's experimental access-key port

/// <summary>
/// API keys per role, stored hashed (SHA-256 of a 256-bit random key: a fast hash is enough for keys with that much
/// entropy, unlike passwords). The key text is returned once, when it is made; records persist through
/// <see cref="IAccessKeyStore"/>.
/// </summary>
public sealed class ApiKeyStore
{
    private readonly ConcurrentDictionary<string, AccessKeyRecord> _byHash = new(StringComparer.Ordinal);

    /// <summary>Keys as presented, with their record and principal, so a repeated key skips hashing (authentication's hot path).</summary>
    internal ConcurrentDictionary<string, (AccessKeyRecord Record, System.Security.Claims.ClaimsPrincipal Principal)> Presented { get; } = new(StringComparer.Ordinal);
    private readonly IAccessKeyStore? _persistence;

    /// <summary>Creates a store, loading the keys <paramref name="persistence"/> holds (if any).</summary>
    /// <param name="persistence">Where keys survive restarts, or null for memory only.</param>
    public ApiKeyStore(IAccessKeyStore? persistence = null)
    {
        _persistence = persistence;
        if (persistence is not null)
        {
            foreach (var record in persistence.LoadAll())
            {
                _byHash[record.Hash] = record;
            }
        }
    }

    /// <summary>Makes a new key for <paramref name="role"/>; returns the key text (shown once) and its record.</summary>
    /// <param name="role">The role.</param>
    /// <param name="name">A label.</param>
    /// <param name="developerId">Required for <see cref="Role.Developer"/>, else ignored.</param>
    /// <returns>The key text and the stored record.</returns>
    /// <exception cref="ArgumentException">A developer key without a developer id, or the user role.</exception>
    public (string Key, AccessKeyRecord Record) Create(Role role, string name, string? developerId = null)
    {
        if (role == Role.User)
        {
            throw new ArgumentException("user access is by user token, not by api key", nameof(role));
        }

        if (role == Role.Developer && string.IsNullOrWhiteSpace(developerId))
        {
            throw new ArgumentException("a developer key needs a developer id", nameof(developerId));
        }

        var key = "ntk_" + role.ToString().ToLowerInvariant() + "_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        return (key, Import(key, role, name, developerId));
    }

    /// <summary>Stores a key whose text the operator chose (e.g. from configuration); idempotent.</summary>
    /// <param name="key">The key text, at least 24 characters.</param>
    /// <param name="role">The role.</param>
    /// <param name="name">A label.</param>
    /// <param name="developerId">For developer keys.</param>
    /// <returns>The stored record.</returns>
    /// <exception cref="ArgumentException">A key shorter than 24 characters.</exception>
    public AccessKeyRecord Import(string key, Role role, string name, string? developerId = null)
    {
        if (key.Length < 24)
        {
            throw new ArgumentException("an api key must have at least 24 characters", nameof(key));
        }

        var hash = Hash(key);
        if (_byHash.TryGetValue(hash, out var existing) && !existing.Revoked)
        {
            return existing;
        }

        var record = new AccessKeyRecord("key_" + hash[..12], role.ToString(), role == Role.Developer ? developerId : null, name, hash, DateTimeOffset.UtcNow);
        _persistence?.Save(record);
        _byHash[hash] = record;
        return record;
    }

    /// <summary>Finds the live record for a presented key, or null.</summary>
    /// <param name="key">The key text as presented.</param>
    /// <returns>The record, or null when unknown or revoked.</returns>
    public AccessKeyRecord? Find(string key) =>
        _byHash.TryGetValue(Hash(key), out var record) && !record.Revoked ? record : null;

    /// <summary>Every key record, newest first (no key text).</summary>
    /// <returns>The records.</returns>
    public IReadOnlyList<AccessKeyRecord> List() =>
        [.. _byHash.Values.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal)];

    /// <summary>Whether a live key of <paramref name="role"/> exists.</summary>
    /// <param name="role">The role.</param>
    /// <returns>True when one does.</returns>
    public bool HasLive(Role role) => _byHash.Values.Any(r => !r.Revoked && r.Role == role.ToString());

    /// <summary>True when <paramref name="record"/> is still the live record for its hash (not revoked or replaced since it was found).</summary>
    public bool IsCurrent(AccessKeyRecord record) =>
        !record.Revoked && _byHash.TryGetValue(record.Hash, out var current) && ReferenceEquals(current, record);

    /// <summary>Revokes the key with <paramref name="id"/>.</summary>
    /// <param name="id">The key id.</param>
    /// <returns>Whether a key was revoked.</returns>
    public bool Revoke(string id)
    {
        foreach (var (hash, record) in _byHash)
        {
            if (record.Id == id && !record.Revoked)
            {
                var revoked = record with { Revoked = true };
                _persistence?.Save(revoked);
                _byHash[hash] = revoked;
                return true;
            }
        }

        return false;
    }

    internal static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    internal static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
