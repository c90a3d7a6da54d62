namespace NeedToKnow.Storage.Tests;

public sealed class ErrorTextTests
{
    [Theory]
    [InlineData("SQLite Error 14: 'unable to open database file'.", "SQLite Error 14: 'unable to open database file'")]
    [InlineData("Connection refused\n   at Npgsql.Internal...", "connection refused")]
    [InlineData("  Format of the initialization string does not conform.  ", "format of the initialization string does not conform")]
    [InlineData("PostgreSQL is starting up", "PostgreSQL is starting up")]
    [InlineData("A", "a")]
    [InlineData("", "unknown error")]
    [InlineData(null, "unknown error")]
    public void The_first_line_keeps_names_and_acronyms(string? message, string expected) =>
        Assert.Equal(expected, ErrorText.FirstLine(message));
}
