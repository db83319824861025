using Azure;
using Azure.Data.Tables;
using DurableObjects.Shared.Storage;
using DurableObjects.Shared.Storage.Entities;

namespace DurableObjects.Shared.Users;

/// <summary>
/// The one-time first-start claim: the row "bootstrap" in partition "system" of the users table, which lets exactly one
/// host create the first admin.
/// </summary>
public sealed class BootstrapClaim(StorageClients storage, TimeProvider clock)
{
    private const string Partition = "system";
    private const string Row = "bootstrap";

    /// <summary>How long a first-start claim is left to its host before another may take it over, when still no user
    /// exists: far longer than creating one user and its token takes.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Claims the one-time first-start bootstrap. One caller at a time gets true, even with several hosts starting at
    /// once on empty storage (the marker row is inserted once, and taken over only by an ETag-guarded replace). The row
    /// carries a write id this call chose, so a conflict is told apart: a row with that id is this claim's own (its
    /// insert applied by storage with its answer lost, and sent again by the storage client), any other row is another
    /// host's claim. A claim older than <see cref="Lease"/> while storage still holds no user at all is a
    /// host that died between its claim and the admin's creation: without a takeover nobody could ever get in, and with
    /// no user there is nobody whose access a new admin could bypass. A normal start after the first pays one read of
    /// the claim and, once its lease is past, one query for any user.
    /// </summary>
    public async Task<bool> TryClaimAsync(CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.Users);
        var writeId = Guid.NewGuid().ToString("N");
        try
        {
            await table.AddEntityAsync(
                new TableEntity(Partition, Row) { ["At"] = clock.GetUtcNow(), [nameof(UserEntity.WriteId)] = writeId },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: cancellationToken);
            if (!found.HasValue || found.Value is not { } claim)
            {
                return false;
            }
            if (claim.GetString(nameof(UserEntity.WriteId)) == writeId)
            {
                return true;
            }
            return clock.GetUtcNow() - (claim.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue) > Lease &&
                   !await AnyUserAsync(table, cancellationToken) &&
                   await TryTakeOverAsync(table, claim, writeId, cancellationToken);
        }
    }

    private static async Task<bool> AnyUserAsync(TableClient table, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {UserEntity.Partition}");
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return true;
        }
        return false;
    }

    // Replaces the dead host's claim only if nobody replaced it first (ETag); a lost answer here is recognized as above.
    private async Task<bool> TryTakeOverAsync(TableClient table, TableEntity claim, string writeId, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(
                new TableEntity(Partition, Row) { ["At"] = clock.GetUtcNow(), [nameof(UserEntity.WriteId)] = writeId },
                claim.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed())
        {
            var again = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: cancellationToken);
            return again.HasValue && again.Value?.GetString(nameof(UserEntity.WriteId)) == writeId;
        }
    }
}
