namespace NeedToKnow.Links.Url;

/// <summary>The special schemes of https://url.spec.whatwg.org/#special-scheme, and "not special".</summary>
internal enum SchemeKind : byte
{
    NotSpecial,
    Http,
    Https,
    Ws,
    Wss,
    Ftp,
    File,
}

/// <summary>Special-scheme lookups (https://url.spec.whatwg.org/#special-scheme).</summary>
internal static class Schemes
{
    public static SchemeKind Classify(ReadOnlySpan<char> scheme) => scheme switch
    {
        "http" => SchemeKind.Http,
        "https" => SchemeKind.Https,
        "ws" => SchemeKind.Ws,
        "wss" => SchemeKind.Wss,
        "ftp" => SchemeKind.Ftp,
        "file" => SchemeKind.File,
        _ => SchemeKind.NotSpecial,
    };

    /// <summary>The default port of a special scheme (https://url.spec.whatwg.org/#default-port), or -1.</summary>
    public static int DefaultPort(SchemeKind kind) => kind switch
    {
        SchemeKind.Http or SchemeKind.Ws => 80,
        SchemeKind.Https or SchemeKind.Wss => 443,
        SchemeKind.Ftp => 21,
        _ => -1,
    };
}
