namespace NeedToKnow.Server.Endpoints;

/// <summary>Something <c>/readyz</c> checks, such as the store being reachable.</summary>
internal interface IReadinessProbe
{
    /// <summary>Null when ready, else why not (one line).</summary>
    string? Check();
}
