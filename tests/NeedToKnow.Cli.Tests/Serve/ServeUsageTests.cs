namespace NeedToKnow.Cli.Tests.Serve;

public sealed class ServeUsageTests
{
    [Theory]
    [InlineData("notaurl")]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("http://127.0.0.1:8080/api")]
    public void A_bad_listen_address_is_a_usage_error_before_anything_is_written(string urls)
    {
        var folder = Directory.CreateTempSubdirectory("ntk-serve-usage-");
        try
        {
            var db = Path.Combine(folder.FullName, "ntk.db");
            var (exit, _, stderr) = CliRunner.Run("serve", "--urls", urls, "--db", db);
            Assert.Equal(2, exit);
            Assert.Contains("is not an address to listen on", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
            Assert.Empty(folder.GetFileSystemInfos());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
