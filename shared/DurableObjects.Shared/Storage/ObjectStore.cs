using Azure;
using Azure.Data.Tables;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage.Entities;

namespace DurableObjects.Shared.Storage;

/// <summary>
/// Object rows in Table Storage. Every update carries the ETag read before it, so a second writer anywhere
/// (another silo, a stale activation) fails with 412 instead of silently overwriting.
/// </summary>
public sealed class ObjectStore(StorageClients storage)
{
    public async Task<(ObjectInfo Info, ETag ETag)?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.Objects);
        var row = await table.GetEntityIfExistsAsync<ObjectEntity>(ObjectEntity.Partition, key, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? (entity.ToInfo(), entity.ETag) : null;
    }

    /// <summary>Inserts a new object; throws <see cref="RequestFailedException"/> 409 when the name is taken.</summary>
    public async Task<ETag> InsertAsync(ObjectInfo info, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.Objects);
        var response = await table.AddEntityAsync(ObjectEntity.From(info), cancellationToken);
        return response.Headers.ETag ?? default;
    }

    /// <summary>Replaces an object's row if it still has <paramref name="etag"/>; throws 412 otherwise.</summary>
    public async Task<ETag> UpdateAsync(ObjectInfo info, ETag etag, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.Objects);
        var response = await table.UpdateEntityAsync(ObjectEntity.From(info), etag, TableUpdateMode.Replace, cancellationToken);
        return response.Headers.ETag ?? default;
    }

    public async Task<Page<ObjectInfo>> ListAsync(ObjectStatus? status, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.Objects);
        var filter = status is { } s
            ? TableClient.CreateQueryFilter($"PartitionKey eq {ObjectEntity.Partition} and Status eq {s.ToText()}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {ObjectEntity.Partition}");
        return await TablePaging.FirstPageAsync(table.QueryAsync<ObjectEntity>(filter, pageSize, cancellationToken: cancellationToken), pageSize, continuationToken, e => e.ToInfo());
    }
}
