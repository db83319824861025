using Azure;
using Azure.Data.Tables;
using DurableObjects.Shared.Storage;

namespace DurableObjects.Orchestrations.Monitors.Storage;

/// <summary>
/// Monitor rows in Table Storage. Inserts are insert-only (an id is never reused); changes are replaces under the
/// row's ETag: <see cref="TryReplaceAsync"/> reports a lost race, <see cref="UpdateAsync"/> reads again and reapplies.
/// </summary>
public sealed class MonitorStore(StorageClients storage)
{
    public const string Table = "Monitors";

    public async Task<MonitorEntity?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(Table);
        var row = await table.GetEntityIfExistsAsync<MonitorEntity>(MonitorEntity.Partition, id, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Inserts a new monitor; false when the id is taken.</summary>
    public async Task<bool> AddAsync(MonitorEntity entity, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(Table);
        try
        {
            var response = await table.AddEntityAsync(entity, cancellationToken);
            entity.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            return false;
        }
    }

    /// <summary>Every monitor, or one owner's.</summary>
    public async Task<IReadOnlyList<MonitorEntity>> ListAsync(string? owner = null, bool enabledOnly = false, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(Table);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {MonitorEntity.Partition}");
        if (owner is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Owner eq {owner}");
        }
        if (enabledOnly)
        {
            filter += " and Enabled eq true";
        }
        var rows = new List<MonitorEntity>();
        await foreach (var row in table.QueryAsync<MonitorEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Replaces the row if nobody wrote it since it was read; false on a lost race or a deleted row.</summary>
    public async Task<bool> TryReplaceAsync(MonitorEntity entity, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(Table);
        try
        {
            var response = await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
            entity.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed() || e.IsNotFound())
        {
            return false;
        }
    }

    /// <summary>
    /// Read, change, replace under the ETag, again on a lost race. <paramref name="change"/> returns false to give up
    /// (the row is no longer what the caller expects). Null when the row is gone or the change gave up.
    /// </summary>
    public async Task<MonitorEntity?> UpdateAsync(string id, Func<MonitorEntity, bool> change, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var row = await GetAsync(id, cancellationToken);
            if (row is null || !change(row))
            {
                return null;
            }
            if (await TryReplaceAsync(row, cancellationToken))
            {
                return row;
            }
        }
        throw new InvalidOperationException($"Monitor {id} kept changing under ten consecutive updates.");
    }

    /// <summary>Deletes the row if unchanged since read; false on a lost race.</summary>
    public async Task<bool> TryDeleteAsync(MonitorEntity entity, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(Table);
        try
        {
            await table.DeleteEntityAsync(entity, entity.ETag, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed() || e.IsNotFound())
        {
            return false;
        }
    }
}
