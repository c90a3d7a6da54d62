using BenchmarkDotNet.Attributes;
using NeedToKnow.Links.Policy;

namespace NeedToKnow.Benchmarks;

/// <summary>
/// <c>LinkPolicy.Decide</c> with the embedded default configuration. <c>AllowPath</c>: platform links in chat
/// messages (the common case, decided by the first list rule that opens them); <c>CopyPath</c>: rival-platform links
/// (look-alike check, then the <c>rivals</c> rule → CopyToBrowser); <c>BlockPath</c>: known-bad links (the first rule
/// → Block); <c>MixedLinks</c>: a mix of
/// platform, rival, shortener, app-download, external and unknown links. One operation is one decision
/// (<c>OperationsPerInvoke</c>), so the mean is the time per decision.
/// </summary>
[MemoryDiagnoser]
public class LinkDecisionBenchmark
{
    private const int Count = 1024;
    private readonly LinkPolicy _policy = LinkPolicy.Default;
    private string[] _allow = [];
    private string[] _mixed = [];
    private string[] _copy = [];
    private string[] _block = [];

    [GlobalSetup]
    public void Setup()
    {
        _allow = new string[Count];
        _mixed = new string[Count];
        _copy = new string[Count];
        _block = new string[Count];
        string[] templates =
        [
            "https://mp.weixin.qq.com/s/{0}?scene=1",
            "https://item.taobao.com/item.htm?id={0}",
            "https://t.cn/A6{0}",
            "https://cdn.example.com/app-{0}.apk",
            "https://en.wikipedia.org/wiki/Item_{0}",
            "https://news.example.org/{0}/index.html",
            "https://www.qq.com/{0}",
            "https://v.douyin.com/{0}/",
        ];
        for (var i = 0; i < Count; i++)
        {
            _allow[i] = string.Format(System.Globalization.CultureInfo.InvariantCulture, "https://mp.weixin.qq.com/s/a{0}?scene={1}", i, i % 7);
            _copy[i] = string.Format(System.Globalization.CultureInfo.InvariantCulture, "https://item.taobao.com/item.htm?id={0}&spm={1}", i, i % 7);
            _block[i] = string.Format(System.Globalization.CultureInfo.InvariantCulture, "https://login.phishing.test/verify?id={0}", i);
            _mixed[i] = string.Format(System.Globalization.CultureInfo.InvariantCulture, templates[i % templates.Length], i);
        }

        // Warm the lazily built tables (Public Suffix List, confusables) outside the measurement.
        _policy.Decide(_mixed[0], LinkContext.Chat);
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "allow path: platform link in chat")]
    public int AllowPath()
    {
        var open = 0;
        var context = LinkContext.Chat;
        foreach (var url in _allow)
        {
            if (_policy.Decide(url, context).Kind == LinkDecisionKind.OpenInApp)
            {
                open++;
            }
        }

        return open;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "copy path: rival-platform link in chat")]
    public int CopyPath() => CountDecisions(_copy, LinkDecisionKind.CopyToBrowser);

    [Benchmark(OperationsPerInvoke = Count, Description = "block path: known-bad link in chat")]
    public int BlockPath() => CountDecisions(_block, LinkDecisionKind.Block);

    [Benchmark(OperationsPerInvoke = Count, Description = "mixed links in chat")]
    public int MixedLinks()
    {
        var open = 0;
        var context = LinkContext.Chat;
        foreach (var url in _mixed)
        {
            if (_policy.Decide(url, context).Kind == LinkDecisionKind.OpenInApp)
            {
                open++;
            }
        }

        return open;
    }

    private int CountDecisions(string[] urls, LinkDecisionKind kind)
    {
        var n = 0;
        var context = LinkContext.Chat;
        foreach (var url in urls)
        {
            if (_policy.Decide(url, context).Kind == kind)
            {
                n++;
            }
        }

        return n;
    }
}
