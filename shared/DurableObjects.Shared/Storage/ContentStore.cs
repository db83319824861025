using System.Collections.Concurrent;
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
    private const int CachedContentMaxChars = 256 * 1024;
    private const long CachedTotalMaxChars = 16L * 1024 * 1024;
    private readonly ConcurrentDictionary<string, string> _known = new(StringComparer.Ordinal);
    private long _knownChars;

    public async Task PutAsync(string sha256, string content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (_known.ContainsKey(sha256))
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
        Remember(sha256, content);
    }

    public async Task<string> GetAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (_known.TryGetValue(sha256, out var known))
        {
            return known;
        }
        var container = await storage.ContainerAsync(TableNames.CodeContainer);
        var result = await container.GetBlobClient(BlobName(sha256)).DownloadContentAsync(cancellationToken);
        var content = Encoding.UTF8.GetString(result.Value.Content.ToMemory().Span);
        Remember(sha256, content);
        return content;
    }

    private void Remember(string sha256, string content)
    {
        if (content.Length > CachedContentMaxChars)
        {
            return;
        }
        if (Interlocked.Add(ref _knownChars, content.Length) > CachedTotalMaxChars)
        {
            // Full: start over (the recent ones are read again once). A race here only misjudges the size a little.
            _known.Clear();
            Interlocked.Exchange(ref _knownChars, content.Length);
        }
        if (!_known.TryAdd(sha256, content))
        {
            Interlocked.Add(ref _knownChars, -content.Length);
        }
    }

    private static string BlobName(string sha256) => "sha256/" + sha256;
}
