using Npgsql;

namespace NeedToKnow.Storage;

/// <summary>
/// Where the store lives, parsed from the one <c>--db</c> value the server and the CLI accept: a SQLite file path
/// (default <c>ntk.db</c>), a <c>postgres://</c> / <c>postgresql://</c> URI, or a PostgreSQL keyword connection
/// string (<c>Host=...;Database=...</c>). This is the only place that interprets that value.
/// </summary>
/// <remarks>
/// Accepted forms:
/// <list type="bullet">
/// <item><c>ntk.db</c>, <c>./data/ntk.db</c>, <c>/var/lib/ntk/ntk.db</c>, <c>sqlite:ntk.db</c>, <c>file:ntk.db</c>: SQLite file.</item>
/// <item><c>postgres://user:password@host:5432/db?sslmode=require</c> (libpq URI form,
/// https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS).</item>
/// <item><c>Host=db;Port=5432;Username=ntk;Database=ntk</c> (Npgsql keywords,
/// https://www.npgsql.org/doc/connection-string-parameters.html).</item>
/// </list>
/// </remarks>
public sealed class StoreConnection
{
    /// <summary>The SQLite file used when no <c>--db</c> is given.</summary>
    public const string DefaultSqlitePath = "ntk.db";

    private StoreConnection(StoreKind kind, string target)
    {
        Kind = kind;
        Target = target;
    }

    /// <summary>The engine.</summary>
    public StoreKind Kind { get; }

    /// <summary>
    /// For <see cref="StoreKind.Sqlite"/> the full path of the database file; for <see cref="StoreKind.Postgres"/>
    /// an Npgsql keyword connection string (a URI is converted). May contain a password: never log it, use
    /// <see cref="ToString"/> instead.
    /// </summary>
    public string Target { get; }

    /// <summary>The default store: <see cref="DefaultSqlitePath"/> in the current directory.</summary>
    public static StoreConnection Default => Sqlite(DefaultSqlitePath);

    /// <summary>A SQLite store at <paramref name="path"/> (made absolute against the current directory).</summary>
    /// <param name="path">The database file path.</param>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public static StoreConnection Sqlite(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new StoreConnection(StoreKind.Sqlite, Path.GetFullPath(path));
    }

    /// <summary>
    /// Parses a <c>--db</c> value; null or blank gives <see cref="Default"/>.
    /// </summary>
    /// <param name="value">A SQLite path, a <c>postgres://</c> URI or a PostgreSQL keyword connection string.</param>
    /// <returns>The parsed connection.</returns>
    /// <exception cref="FormatException">The value looks like PostgreSQL but is malformed; the message says which
    /// part (lowercase, user input in backticks, the password never shown).</exception>
    public static StoreConnection Parse(string? value)
    {
        if (!TryParse(value, out var connection, out var error))
        {
            throw new FormatException(error);
        }

        return connection;
    }

    /// <summary>Parses a <c>--db</c> value without throwing.</summary>
    /// <param name="value">As for <see cref="Parse"/>.</param>
    /// <param name="connection">The parsed connection, or null on failure.</param>
    /// <param name="error">A one-line message for users, or null on success.</param>
    /// <returns>True when the value was understood.</returns>
    public static bool TryParse(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out StoreConnection? connection, out string? error)
    {
        connection = null;
        error = null;
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            connection = Default;
            return true;
        }

        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return TryParsePostgresUri(text, out connection, out error);
        }

        if (LooksLikeKeywordString(text))
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(text);
                if (string.IsNullOrEmpty(builder.Host))
                {
                    error = "postgresql connection string has no `Host`";
                    return false;
                }

                connection = new StoreConnection(StoreKind.Postgres, builder.ConnectionString);
                return true;
            }
            catch (ArgumentException e)
            {
                error = "postgresql connection string is not valid: " + ErrorText.FirstLine(e.Message);
                return false;
            }
        }

        foreach (var prefix in (ReadOnlySpan<string>)["sqlite:", "file:"])
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                text = text[prefix.Length..];
                break;
            }
        }

        if (text.Length == 0)
        {
            error = "sqlite path is empty";
            return false;
        }

        if (text.EndsWith('/') || Directory.Exists(text))
        {
            error = $"sqlite path `{text}` is a directory: give a file, e.g. `{Path.Combine(text, DefaultSqlitePath)}`";
            return false;
        }

        connection = Sqlite(text);
        return true;
    }

    /// <summary>A description safe for logs: the SQLite path, or host, port and database without the password.</summary>
    public override string ToString()
    {
        if (Kind == StoreKind.Sqlite)
        {
            return "sqlite:" + Target;
        }

        var b = new NpgsqlConnectionStringBuilder(Target);
        return $"postgres://{b.Username}@{b.Host}:{b.Port}/{b.Database}";
    }

    private static bool LooksLikeKeywordString(string text)
    {
        // Keyword strings are `Key=Value;...`; a file path never starts with a known Npgsql keyword and '='.
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            return false;
        }

        var key = text[..eq].Trim();
        return key.Equals("Host", StringComparison.OrdinalIgnoreCase)
            || key.Equals("Server", StringComparison.OrdinalIgnoreCase)
            || key.Equals("Port", StringComparison.OrdinalIgnoreCase)
            || key.Equals("Database", StringComparison.OrdinalIgnoreCase)
            || key.Equals("Username", StringComparison.OrdinalIgnoreCase)
            || key.Equals("User ID", StringComparison.OrdinalIgnoreCase)
            || key.Equals("Password", StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryParsePostgresUri(string text, out StoreConnection? connection, out string? error)
    {
        connection = null;
        error = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            error = $"postgresql uri `{Redact(text)}` is not valid: expected `postgres://user:password@host:port/database`";
            return false;
        }

        var b = new NpgsqlConnectionStringBuilder { Host = uri.Host.Trim('[', ']') };
        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            b.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            b.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                b.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            b.Database = database;
        }

        var query = uri.Query.TrimStart('?');
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var val = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            // libpq spells a few keywords differently from Npgsql.
            key = key.ToLowerInvariant() switch
            {
                "sslmode" => "SSL Mode",
                "application_name" => "Application Name",
                "connect_timeout" => "Timeout",
                "user" => "Username",
                "dbname" => "Database",
                _ => key,
            };
            try
            {
                b[key] = val;
            }
            catch (ArgumentException)
            {
                error = $"postgresql uri parameter `{key}` is not supported";
                return false;
            }
        }

        connection = new StoreConnection(StoreKind.Postgres, b.ConnectionString);
        return true;
    }

    private static string Redact(string uri)
    {
        var at = uri.IndexOf('@', StringComparison.Ordinal);
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        if (at < 0 || scheme < 0 || at < scheme)
        {
            return uri;
        }

        var userInfo = uri[(scheme + 3)..at];
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? uri : uri[..(scheme + 3)] + userInfo[..colon] + ":***" + uri[at..];
    }
}
