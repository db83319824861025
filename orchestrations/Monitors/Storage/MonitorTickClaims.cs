using Azure;
using DurableObjects.Shared.Storage;

namespace DurableObjects.Orchestrations.Monitors.Storage;

/// <summary>
/// Exactly one host per timer tick. Every host's timer fires for every tick, and the engine's "deduplicate this
/// instance id" is not atomic on the Azure Storage backend: two hosts starting the same tick's scan at the same moment
/// both succeed, both ExecutionStarted messages are queued, and the second one can run the scan again after the first
/// finished. So a tick is claimed first, by moving one row forward under its ETag (insert when it does not exist yet):
/// one host wins, the others see a conflict or a row already at or past their tick, and schedule nothing.
/// </summary>
/// <remarks>
/// A host that wins the claim and dies before scheduling loses that tick; the next tick's scan reads from each
/// monitor's watermark, so no event is lost, only reported one interval later.
/// </remarks>
public sealed class MonitorTickClaims(StorageClients storage)
{
    public const string Table = "MonitorTicks";

    private static readonly string Claimant = Environment.MachineName + "/" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when this call claimed <paramref name="tick"/>: no host had claimed it or a later one.</summary>
    public async Task<bool> TryClaimAsync(DateTimeOffset tick, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(Table);
        var current = await table.GetEntityIfExistsAsync<MonitorTickEntity>(MonitorTickEntity.Partition, MonitorTickEntity.Row, cancellationToken: cancellationToken);
        try
        {
            if (current.HasValue && current.Value is { } row)
            {
                if (row.Tick >= tick)
                {
                    return false;
                }
                row.Tick = tick;
                row.Claimant = Claimant;
                await table.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await table.AddEntityAsync(new MonitorTickEntity { Tick = tick, Claimant = Claimant }, cancellationToken);
            }
            return true;
        }
        catch (RequestFailedException e) when (e.IsConflict() || e.IsPreconditionFailed())
        {
            return false;
        }
    }
}
