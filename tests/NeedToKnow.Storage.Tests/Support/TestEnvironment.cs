namespace NeedToKnow.Storage.Tests.Support;

/// <summary>
/// What the storage tests need from the machine. PostgreSQL comes from scripts/setup/20-postgres.sh, which exports
/// NTK_TEST_POSTGRES. Locally a missing server skips the PostgreSQL tests; on CI (CI=true) it fails them, because a
/// skip in CI would hide a missing backend (STYLE.md H22).
/// </summary>
internal static class TestEnvironment
{
    public const string PostgresVariable = "NTK_TEST_POSTGRES";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The admin connection string of the throwaway cluster; skips (locally) or fails (CI) when missing.</summary>
    public static string RequirePostgres()
    {
        var cs = Environment.GetEnvironmentVariable(PostgresVariable);
        if (!string.IsNullOrWhiteSpace(cs))
        {
            return cs;
        }

        if (IsCi)
        {
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set on CI: scripts/setup/20-postgres.sh must start PostgreSQL before the tests");
        }

        Skip.If(true, $"{PostgresVariable} is not set: run `source scripts/setup/20-postgres.sh` to test PostgreSQL");
        throw new InvalidOperationException("unreachable");
    }
}
