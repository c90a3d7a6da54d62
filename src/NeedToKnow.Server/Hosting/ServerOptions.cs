namespace NeedToKnow.Server.Hosting;

/// <summary>How <c>ntk serve</c> runs. Every input from outside has a limit here.</summary>
public sealed record ServerOptions
{
    /// <summary>Addresses to listen on; default <c>http://127.0.0.1:8080</c>. Port 0 picks a free port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:8080";

    /// <summary>The store: a SQLite file path (default <c>ntk.db</c>) or a PostgreSQL connection string.</summary>
    public string Db { get; init; } = "ntk.db";

    /// <summary>The operator's API key; when null one is made at first start and printed once.</summary>
    public string? OperatorKey { get; init; }

    /// <summary>Secret for user tokens (at least 32 bytes); when null a random one per process (tokens end at restart).</summary>
    public byte[]? UserTokenSecret { get; init; }

    /// <summary>Largest JSON request body, in bytes (default 1 MiB).</summary>
    public long MaxJsonBodyBytes { get; init; } = 1 << 20;

    /// <summary>
    /// Largest body of <c>POST /v1/gate/decide-batch</c>, in bytes (default 4 MiB): 10,000 requests of about 150 bytes
    /// (20-character ids, <c>userGesture</c>, <c>time</c>) are 1.5 MB, with room for longer ids.
    /// </summary>
    public long MaxBatchBodyBytes { get; init; } = 4L << 20;

    /// <summary>Largest package upload (declaration + .zip), in bytes (default 32 MiB).</summary>
    public long MaxPackageBodyBytes { get; init; } = 32L << 20;

    /// <summary>
    /// How far ahead of the server's clock a host's <c>time</c> (decide, decide-batch, answers) may be; default 5 minutes.
    /// A later time is a 400 (it would skip the refusal cooldowns); so is a time before 2000-01-01.
    /// </summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Requests per second each key may make (token bucket, burst the same); default 100,000.</summary>
    public int RateLimitPerSecond { get; init; } = 100_000;

    /// <summary>Requests per second for user tokens and unauthenticated callers; default 50.</summary>
    public int UserRateLimitPerSecond { get; init; } = 50;

    /// <summary>Where the server keeps its secret and audit signing key; null for beside the SQLite file (or the working folder for PostgreSQL).</summary>
    public string? StateFolder { get; init; }

    /// <summary>The audit log's signing key (ECDSA P-256, PEM); null to use (or make) <c>ntk-audit-key.pem</c> in the state folder.</summary>
    public string? AuditKeyPem { get; init; }

    /// <summary>Start with the examples/ program registered and simulated traffic.</summary>
    public bool Demo { get; init; }

    /// <summary>Where the examples/ folder is, for <see cref="Demo"/>.</summary>
    public string? ExamplesPath { get; init; }
}
