using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;

namespace DurableObjects.Shared.Storage;

/// <summary>
/// Source files in Blob Storage, addressed by the SHA-256 of their content: a blob is written once and never
/// changed, identical files across versions are stored once, and a retried write is harmless. Because a blob never
/// changes, this host keeps the contents it recently wrote or read: a run reads the same files in several activities
/// (the basis, the candidate, the kept tests), and a write of content known to be stored is skipped. Bounded by count
/// and size; a miss reads storage, so every host sees the same contents.
/// </summary>
public sealed class ContentStore(StorageClients storage)
{
    private readonly ImmutableTextCache _known = new(maxItemChars: 256 * 1024, maxTotalChars: 16L * 1024 * 1024);

    public async Task PutAsync(string sha256, string content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (_known.Contains(sha256))
        {
            return;
        }
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
        _known.Remember(sha256, content);
    }

    public async Task<string> GetAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (_known.TryGet(sha256, out var known))
        {
            return known;
        }
        var container = await storage.ContainerAsync(TableNames.CodeContainer);
        var result = await container.GetBlobClient(BlobName(sha256)).DownloadContentAsync(cancellationToken);
        var content = Encoding.UTF8.GetString(result.Value.Content.ToMemory().Span);
        _known.Remember(sha256, content);
        return content;
    }

    private static string BlobName(string sha256) => "sha256/" + sha256;
}
