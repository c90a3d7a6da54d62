namespace NeedToKnow.Storage.Tests;

public sealed class StoreConnectionTests
{
    [Fact]
    public void Null_or_blank_is_the_default_sqlite_file()
    {
        foreach (var value in new[] { null, "", "  " })
        {
            var c = StoreConnection.Parse(value);
            Assert.Equal(StoreKind.Sqlite, c.Kind);
            Assert.Equal(Path.GetFullPath("ntk.db"), c.Target);
        }
    }

    [Theory]
    [InlineData("data/ntk.db")]
    [InlineData("sqlite:data/ntk.db")]
    [InlineData("file:data/ntk.db")]
    public void A_path_is_a_sqlite_file(string value)
    {
        var c = StoreConnection.Parse(value);
        Assert.Equal(StoreKind.Sqlite, c.Kind);
        Assert.Equal(Path.GetFullPath("data/ntk.db"), c.Target);
        Assert.Equal("sqlite:" + Path.GetFullPath("data/ntk.db"), c.ToString());
    }

    [Fact]
    public void A_postgres_uri_becomes_an_npgsql_connection_string()
    {
        var c = StoreConnection.Parse("postgres://ntk:s%40cret@db.example:6432/ntk_prod?sslmode=require&application_name=node1");
        Assert.Equal(StoreKind.Postgres, c.Kind);
        var b = new Npgsql.NpgsqlConnectionStringBuilder(c.Target);
        Assert.Equal("db.example", b.Host);
        Assert.Equal(6432, b.Port);
        Assert.Equal("ntk", b.Username);
        Assert.Equal("s@cret", b.Password);
        Assert.Equal("ntk_prod", b.Database);
        Assert.Equal(Npgsql.SslMode.Require, b.SslMode);
        Assert.Equal("node1", b.ApplicationName);
        Assert.Equal("postgres://ntk@db.example:6432/ntk_prod", c.ToString());
    }

    [Fact]
    public void A_postgresql_uri_without_port_uses_the_default_port()
    {
        var c = StoreConnection.Parse("postgresql://ntk@localhost/ntk");
        var b = new Npgsql.NpgsqlConnectionStringBuilder(c.Target);
        Assert.Equal(5432, b.Port);
        Assert.Equal("localhost", b.Host);
    }

    [Fact]
    public void A_keyword_string_is_postgres()
    {
        var c = StoreConnection.Parse("Host=127.0.0.1;Port=5433;Username=postgres;Password=pw;Database=ntk_test");
        Assert.Equal(StoreKind.Postgres, c.Kind);
        var b = new Npgsql.NpgsqlConnectionStringBuilder(c.Target);
        Assert.Equal(5433, b.Port);
        Assert.Equal("ntk_test", b.Database);
        Assert.DoesNotContain("pw", c.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_keyword_string_without_host_is_refused()
    {
        var e = Assert.Throws<FormatException>(() => StoreConnection.Parse("Database=ntk;Username=postgres"));
        Assert.Equal("postgresql connection string has no `Host`", e.Message);
    }

    [Fact]
    public void An_unknown_keyword_is_refused()
    {
        Assert.False(StoreConnection.TryParse("Host=x;Flavour=mint", out var c, out var error));
        Assert.Null(c);
        Assert.StartsWith("postgresql connection string is not valid: ", error);
    }

    [Fact]
    public void A_malformed_uri_is_refused_without_showing_the_password()
    {
        Assert.False(StoreConnection.TryParse("postgres://ntk:hunter2@/", out _, out var error));
        Assert.Equal("postgresql uri `postgres://ntk:***@/` is not valid: expected `postgres://user:password@host:port/database`", error);
    }

    [Fact]
    public void An_unsupported_uri_parameter_is_refused()
    {
        Assert.False(StoreConnection.TryParse("postgres://h/db?frobnicate=1", out _, out var error));
        Assert.Equal("postgresql uri parameter `frobnicate` is not supported", error);
    }

    [Fact]
    public void A_directory_is_not_a_sqlite_file()
    {
        var dir = Path.GetTempPath();
        Assert.False(StoreConnection.TryParse(dir, out _, out var error));
        Assert.StartsWith("sqlite path `" + dir + "` is a directory: give a file, e.g. `", error);
    }
}
