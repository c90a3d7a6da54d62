using System.Collections.Concurrent;
using NeedToKnow.Core.Gate;

namespace NeedToKnow.Server.Platform;

/// <summary>
/// The user privacy report's data (after iOS's App Privacy Report): per user, which programs asked for which privacy
/// key, with what result, how often and when last. Allowed decisions are not in the audit log (only interceptions and
/// prompts are), so this node keeps them in memory: bounded to <see cref="MaxUsers"/> users, lost on restart.
/// </summary>
internal sealed class AccessReport
{
    public const int MaxUsers = 200_000;

    private readonly ConcurrentDictionary<string, UserEntries> _users = new(StringComparer.Ordinal);

    public sealed record Entry(string AppId, string Key, string Decision, long Count, DateTimeOffset LastTime);

    public void Record(string userId, string appId, string key, DecisionKind kind, DateTimeOffset time)
    {
        if (!_users.TryGetValue(userId, out var entries))
        {
            if (_users.Count >= MaxUsers)
            {
                return;
            }

            entries = _users.GetOrAdd(userId, _ => new UserEntries());
        }

        entries.Add(appId, key, kind, time);
    }

    public IReadOnlyList<Entry> For(string userId) =>
        _users.TryGetValue(userId, out var entries) ? entries.Snapshot() : [];

    private sealed class UserEntries
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<(string App, string Key, DecisionKind Kind), (long Count, DateTimeOffset Last)> _items = [];

        public void Add(string appId, string key, DecisionKind kind, DateTimeOffset time)
        {
            lock (_lock)
            {
                if (_items.Count >= 1000 && !_items.ContainsKey((appId, key, kind)))
                {
                    return;
                }

                var current = _items.GetValueOrDefault((appId, key, kind));
                _items[(appId, key, kind)] = (current.Count + 1, time > current.Last ? time : current.Last);
            }
        }

        public IReadOnlyList<Entry> Snapshot()
        {
            lock (_lock)
            {
                return [.. _items
                    .Select(p => new Entry(p.Key.App, p.Key.Key, p.Key.Kind.ToString().ToLowerInvariant(), p.Value.Count, p.Value.Last))
                    .OrderByDescending(e => e.LastTime).ThenBy(e => e.AppId, StringComparer.Ordinal).ThenBy(e => e.Key, StringComparer.Ordinal)];
            }
        }
    }
}
