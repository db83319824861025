using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;

namespace DurableObjects.Shared.Storage;

/// <summary>
/// Source files in Blob Storage, addressed by the SHA-256 of their content: a blob is written once and never
/// changed, identical files across versions are stored once, and a retried write is harmless.
/// </summary>
public sealed class ContentStore(StorageClients storage)
{
    public async Task PutAsync(string sha256, string content, CancellationToken cancellationToken = default)
    {
        var container = await storage.ContainerAsync(TableNames.CodeContainer);
        var blob = container.GetBlobClient(BlobName(sha256));
        try
        {
            await blob.UploadAsync(
                new BinaryData(Encoding.UTF8.GetBytes(content)),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Already there: content-addressed, so it is the same bytes.
        }
    }

    public async Task<string> GetAsync(string sha256, CancellationToken cancellationToken = default)
    {
        var container = await storage.ContainerAsync(TableNames.CodeContainer);
        var result = await container.GetBlobClient(BlobName(sha256)).DownloadContentAsync(cancellationToken);
        return Encoding.UTF8.GetString(result.Value.Content.ToMemory().Span);
    }

    private static string BlobName(string sha256) => "sha256/" + sha256;
}
