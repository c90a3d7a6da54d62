namespace NeedToKnow.Review.JavaScript;

/// <summary>
/// How many files the analyzer read, and how: the review reports them so that no file is skipped silently.
/// Thread-safe; one instance may be shared by analyzers on several threads.
/// </summary>
internal sealed class JavaScriptAnalysisCounters
{
    private long _module;
    private long _script;
    private long _tokenScan;
    private long _screened;
    private long _skipped;
    private long _bytes;

    /// <summary>Files parsed as ES modules.</summary>
    public long ParsedAsModule => Interlocked.Read(ref _module);

    /// <summary>Files parsed as classic scripts (the module parse failed).</summary>
    public long ParsedAsScript => Interlocked.Read(ref _script);

    /// <summary>Files that did not parse and were read by the token scan (their sites have low confidence).</summary>
    public long FellBack => Interlocked.Read(ref _tokenScan);

    /// <summary>Files read but not parsed, because no platform global in them can reach a privacy API.</summary>
    public long Screened => Interlocked.Read(ref _screened);

    /// <summary>Files not analyzed (type declarations, over the size limit).</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Every file handed to the analyzer.</summary>
    public long Files => ParsedAsModule + ParsedAsScript + FellBack + Screened + Skipped;

    /// <summary>UTF-16 code units of source handed to the analyzer.</summary>
    public long Characters => Interlocked.Read(ref _bytes);

    /// <summary>Counts one file.</summary>
    public void Add(JavaScriptParseMode mode, int length)
    {
        Interlocked.Add(ref _bytes, length);
        switch (mode)
        {
            case JavaScriptParseMode.Module: Interlocked.Increment(ref _module); break;
            case JavaScriptParseMode.Script: Interlocked.Increment(ref _script); break;
            case JavaScriptParseMode.TokenScan: Interlocked.Increment(ref _tokenScan); break;
            case JavaScriptParseMode.Screened: Interlocked.Increment(ref _screened); break;
            default: Interlocked.Increment(ref _skipped); break;
        }
    }
}
