using Microsoft.Playwright;

namespace NeedToKnow.EndToEnd.Tests;

/// <summary>Headless Debian Chromium driven by Playwright (no browser download). Screenshots go to <see cref="ArtifactsFolder"/>.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots are kept: TestResults/screenshots under the repository (kept by CI as artifacts).</summary>
    public static string ArtifactsFolder { get; } = Directory.CreateDirectory(NeedToKnow.Testing.RepoPaths.RepoFile("TestResults", "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("NTK_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException("chromium is not installed at `" + executable + "`: run `bash scripts/test.sh`, which installs it (scripts/setup/30-chromium.sh)");
        }

        var profile = Directory.CreateTempSubdirectory("ntk-chromium-").FullName;
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", profile);
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", profile);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
