using Azure;
using Azure.Data.Tables;
using DurableObjects.Shared.Storage;

namespace DurableObjects.Orchestrations.Commands;

/// <summary>
/// One command per caller waiting for confirmation, in Table Storage with a short lifetime, so the "yes" may reach
/// any host. Taking it deletes it under its ETag: a confirmation runs the command at most once.
/// </summary>
public sealed class PendingCommandStore(StorageClients storage, TimeProvider clock)
{
    /// <summary>How long a question waits for its answer.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public async Task SaveAsync(CommandCaller caller, string commandText, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.PendingCommands);
        await table.UpsertEntityAsync(new PendingCommandEntity
        {
            RowKey = KeyOf(caller),
            UserId = caller.User.Id,
            CommandText = commandText,
            ExpiresAt = clock.GetUtcNow() + Lifetime,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Removes and returns the caller's pending command; null when there is none, it expired, or it was someone else's.</summary>
    public async Task<string?> TakeAsync(CommandCaller caller, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.PendingCommands);
        var found = await table.GetEntityIfExistsAsync<PendingCommandEntity>(PendingCommandEntity.Partition, KeyOf(caller), cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } row)
        {
            return null;
        }
        try
        {
            await table.DeleteEntityAsync(row, row.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed() || e.IsNotFound())
        {
            return null;
        }
        return row.UserId == caller.User.Id && row.ExpiresAt > clock.GetUtcNow() ? row.CommandText : null;
    }

    private static string KeyOf(CommandCaller caller) =>
        caller.Address.Replace('/', '_').Replace('\\', '_').Replace('#', '_').Replace('?', '_');
}
