namespace NeedToKnow.Core.Gate;

/// <summary>The platform status of a mini-program, as the gate's check 1 reads it.</summary>
public enum AppStatus : byte
{
    /// <summary>Published and running; its privacy APIs work subject to the other checks.</summary>
    Live = 0,

    /// <summary>Not (or no longer) published: every privacy API is denied with 1025.</summary>
    Offline = 1,

    /// <summary>The platform revoked its privacy APIs by enforcement: every privacy API is denied with 1025
    /// (WeChat "appid privacy api banned", reference §2.3).</summary>
    Banned = 2,
}
