using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using DurableObjects.Orchestrations.Monitors.Storage;

namespace DurableObjects.Testing;

/// <summary>
/// Every row (keys and ETag) and blob of one host's storage, as text. Two equal snapshots mean nothing was
/// written in between: the proof that a refused request changed nothing.
/// </summary>
public static class StorageSnapshot
{
    public static async Task<string> TakeAsync(TestHost host)
    {
        var text = new StringBuilder();
        var tables = new TableServiceClient(host.ConnectionString);
        await foreach (var table in tables.QueryAsync(t => t.Name.CompareTo(host.Prefix) >= 0 && t.Name.CompareTo(host.Prefix + "~") < 0))
        {
            if (table.Name == host.Prefix + MonitorTickClaims.Table)
            {
                // The monitor timer claims each tick there on its own, whatever the requests do (as the engine's leases).
                continue;
            }
            await foreach (var row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                text.Append(table.Name).Append('|').Append(row.PartitionKey).Append('|').Append(row.RowKey).Append('|').Append(row.ETag).Append('\n');
            }
        }
        var blobs = new BlobServiceClient(host.ConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: host.Prefix.ToLowerInvariant()))
        {
            await foreach (var blob in blobs.GetBlobContainerClient(container.Name).GetBlobsAsync())
            {
                text.Append(container.Name).Append('|').Append(blob.Name).Append('|').Append(blob.Properties.ETag).Append('\n');
            }
        }
        return text.ToString();
    }
}
