namespace NeedToKnow.Server.Hosting;

/// <summary>Endpoint metadata: this endpoint takes a batch of gate requests, so <see cref="ServerOptions.MaxBatchBodyBytes"/> applies.</summary>
internal sealed class BatchBodyMetadata
{
    public static readonly BatchBodyMetadata Instance = new();
}
