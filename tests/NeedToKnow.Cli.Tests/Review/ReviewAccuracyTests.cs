using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using NeedToKnow.Testing;
using Xunit.Abstractions;

namespace NeedToKnow.Cli.Tests.Review;

/// <summary>
/// Runs ../shared/eval/review_accuracy.py exactly as issue #3 says, with the built <c>ntk</c>, and asserts
/// key-level precision and recall ≥ 0.98 and site-level ≥ 0.95 (figures in docs/review.md).
/// </summary>
public partial class ReviewAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Corpus_accuracy_meets_the_targets()
    {
        var dir = AppContext.BaseDirectory;
        var apphost = Path.Combine(dir, "ntk");
        var ntk = File.Exists(apphost) ? apphost : "dotnet " + Path.Combine(dir, "ntk.dll");
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (var arg in new[] { RepoPaths.SharedFile("eval", "review_accuracy.py"), "--corpus", RepoPaths.SharedFile("corpus"), "--run", ntk + " review {src} --format json" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        var stderrTask = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        var stdout = await stdoutTask;
        output.WriteLine(stdout + await stderrTask);
        Assert.Equal(0, process.ExitCode);
        var m = Totals().Match(stdout);
        Assert.True(m.Success, "no totals line in: " + stdout);
        double Get(string name) => double.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture);
        Assert.True(Get("kp") >= 0.98 && Get("kr") >= 0.98, "key level " + m.Value);
        Assert.True(Get("sp") >= 0.95 && Get("sr") >= 0.95, "site level " + m.Value);
        Assert.Contains("programs=10 failed=0", stdout);
    }

    [GeneratedRegex(@"key P=(?<kp>[\d.]+) R=(?<kr>[\d.]+) F1=[\d.]+ \| site P=(?<sp>[\d.]+) R=(?<sr>[\d.]+)")]
    private static partial Regex Totals();
}
