using System.Collections.Concurrent;
using System.Diagnostics;
using NeedToKnow.Server.Auth;

namespace NeedToKnow.Server.Hosting;

/// <summary>
/// Per-key token buckets, checked after authentication: an API key may make <see cref="ServerOptions.RateLimitPerSecond"/>
/// requests per second, a user token or an anonymous address <see cref="ServerOptions.UserRateLimitPerSecond"/>, with
/// bursts up to the same number. Over the limit the request gets a 429 problem with <c>Retry-After: 1</c>. One lock-free
/// dictionary read and one uncontended lock per request (the framework's partitioned limiter cost more than the gate).
/// </summary>
internal sealed class KeyRateLimiter(ServerOptions options, TimeProvider time)
{
    /// <summary>Buckets kept before idle (full) ones are dropped.</summary>
    internal const int MaxBuckets = 50_000;

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>The middleware: passes the request on, or answers 429.</summary>
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var role = Claims.RoleOf(context.User);
        var perSecond = role is null or Role.User ? options.UserRateLimitPerSecond : options.RateLimitPerSecond;
        var partition = role is null ? "ip:" + context.Connection.RemoteIpAddress : Claims.PartitionOf(context.User);
        if (!_buckets.TryGetValue(partition, out var bucket))
        {
            if (_buckets.Count >= MaxBuckets)
            {
                Prune();
            }

            bucket = _buckets.GetOrAdd(partition, _ => new Bucket(perSecond, time.GetTimestamp()));
        }

        return bucket.TryTake(perSecond, time.GetTimestamp(), time.TimestampFrequency) ? next(context) : RejectAsync(context);
    }

    private void Prune()
    {
        var now = time.GetTimestamp();
        foreach (var (partition, bucket) in _buckets)
        {
            if (bucket.IdleSince(now, time.TimestampFrequency))
            {
                _buckets.TryRemove(partition, out _);
            }
        }
    }

    private static Task RejectAsync(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "1";
        return Results.Problem(statusCode: 429, title: "too many requests", detail: "this key is over its rate limit; retry after 1 second", type: "urn:ntk:problem:rate-limited")
            .ExecuteAsync(context);
    }

    private sealed class Bucket(double tokens, long stamp)
    {
        private readonly Lock _lock = new();
        private double _tokens = tokens;
        private long _stamp = stamp;

        public bool TryTake(int perSecond, long now, long frequency)
        {
            lock (_lock)
            {
                if (now > _stamp)
                {
                    _tokens = Math.Min(perSecond, _tokens + ((now - _stamp) * (double)perSecond / frequency));
                    _stamp = now;
                }

                if (_tokens < 1)
                {
                    return false;
                }

                _tokens -= 1;
                return true;
            }
        }

        public bool IdleSince(long now, long frequency)
        {
            lock (_lock)
            {
                return now - _stamp > frequency * 10;
            }
        }
    }
}
