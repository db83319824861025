using Azure.Data.Tables;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage.Entities;

namespace DurableObjects.Shared.Storage;

/// <summary>
/// Immutable versions: file contents in blobs (written first), then the version row (insert-only, so a
/// second writer of the same number gets 409 and nothing is overwritten).
/// </summary>
public sealed class VersionStore(StorageClients storage, ContentStore content)
{
    /// <summary>How many version rows this host keeps copies of (when full it starts over).</summary>
    private const int KnownCapacity = 4096;

    // Copies of version rows as this host read them from storage. A row never changes and is never deleted once
    // inserted, so a copy is always right; only rows that exist are kept (a miss always asks storage, so a version
    // another host adds is seen at once).
    private readonly BoundedCache<(string ObjectKey, int Number), VersionInfo> _known = new(KnownCapacity);

    /// <summary>Writes the version's files, then its row (insert-only: 409 when the number is taken).</summary>
    public async Task InsertAsync(string objectKey, VersionInfo version, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken = default)
    {
        await PutFilesAsync(version, files, cancellationToken);
        await InsertRowAsync(objectKey, version, cancellationToken);
    }

    /// <summary>Writes the version's file contents (content-addressed, so writing them again is harmless).</summary>
    public Task PutFilesAsync(VersionInfo version, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken = default) =>
        Parallel.ForEachAsync(
            version.Files,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (file, ct) => await content.PutAsync(file.Sha256, files[file.Path], ct));

    /// <summary>
    /// Inserts the version row once its files are stored. Throws <see cref="Azure.RequestFailedException"/> 409 when
    /// another writer took that number first: nothing is overwritten, the caller takes the next number.
    /// </summary>
    public async Task InsertRowAsync(string objectKey, VersionInfo version, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.Versions);
        var entity = VersionEntity.From(objectKey, version);
        await table.AddEntityAsync(entity, cancellationToken);
        // Inserted, so it exists and never changes: the deploy that usually follows finds it here.
        Remember(objectKey, entity.ToInfo());
    }

    /// <summary>A version's row (this host's copy when it has one: rows never change), or null when it does not exist.</summary>
    public async Task<VersionInfo?> GetAsync(string objectKey, int number, CancellationToken cancellationToken = default)
    {
        if (_known.TryGet((objectKey, number), out var known))
        {
            return known;
        }
        var table = await storage.TableAsync(TableNames.Versions);
        var row = await table.GetEntityIfExistsAsync<VersionEntity>(objectKey, VersionEntity.RowKeyOf(number), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? Remember(objectKey, entity.ToInfo()) : null;
    }

    private VersionInfo Remember(string objectKey, VersionInfo version) => _known.GetOrAdd((objectKey, version.Number), version);

    /// <summary>The newest stored version of an object (0 when it has none): the first row of its partition.</summary>
    public async Task<VersionInfo?> GetLatestAsync(string objectKey, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.Versions);
        await foreach (var entity in table.QueryAsync<VersionEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {objectKey}"), maxPerPage: 1, cancellationToken: cancellationToken))
        {
            return Remember(objectKey, entity.ToInfo());
        }
        return null;
    }

    /// <summary>The version a write stored (<see cref="VersionInfo.WriteId"/>), or null: one query of the object's partition.</summary>
    public async Task<VersionInfo?> FindByWriteIdAsync(string objectKey, string writeId, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.Versions);
        await foreach (var entity in table.QueryAsync<VersionEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {objectKey} and WriteId eq {writeId}"), maxPerPage: 1, cancellationToken: cancellationToken))
        {
            return Remember(objectKey, entity.ToInfo());
        }
        return null;
    }

    public async Task<Page<VersionInfo>> ListAsync(string objectKey, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.Versions);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {objectKey}");
        return await TablePaging.FirstPageAsync(table.QueryAsync<VersionEntity>(filter, pageSize, cancellationToken: cancellationToken), pageSize, continuationToken, e => e.ToInfo());
    }

    public async Task<IReadOnlyDictionary<string, string>> ReadFilesAsync(VersionInfo version, CancellationToken cancellationToken = default)
    {
        var contents = await Task.WhenAll(version.Files.Select(f => content.GetAsync(f.Sha256, cancellationToken)));
        return version.Files.Select((f, i) => (f.Path, Content: contents[i])).ToDictionary(x => x.Path, x => x.Content, StringComparer.Ordinal);
    }
}
