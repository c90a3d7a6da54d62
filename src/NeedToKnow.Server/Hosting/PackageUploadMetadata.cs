namespace NeedToKnow.Server.Hosting;

/// <summary>Endpoint metadata: this endpoint takes a package upload, so the larger body limit applies.</summary>
internal sealed class PackageUploadMetadata
{
    public static readonly PackageUploadMetadata Instance = new();
}
