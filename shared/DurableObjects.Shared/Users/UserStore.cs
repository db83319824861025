using Azure;
using Azure.Data.Tables;
using DurableObjects.Shared.Storage;
using DurableObjects.Shared.Storage.Entities;

namespace DurableObjects.Shared.Users;

/// <summary>
/// Users: their rows, roles and access changes. Their API tokens are in <see cref="TokenStore"/>, the first-start
/// claim in <see cref="BootstrapClaim"/>. Every call reads storage.
/// </summary>
public sealed class UserStore(StorageClients storage, TimeProvider clock)
{
    /// <summary>
    /// Creates a user whose row carries its <paramref name="registration"/> (pending until its event is recorded, see
    /// <see cref="PendingAccessChanges"/>) and the registration's write id, and returns the row as stored (with its ETag).
    /// Null when the id is taken by another write. A row with the same write id is this write's own — its insert applied
    /// by storage with its answer lost and sent again by the storage client, or stored by an earlier attempt of the same
    /// keyed request — and is returned as it is now (its registration perhaps recorded meanwhile).
    /// </summary>
    public async Task<UserEntity?> CreateAsync(string userId, PendingAccessChange registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var table = await storage.TableAsync(TableNames.Users);
        var entity = new UserEntity
        {
            RowKey = userId,
            Role = RoleText(registration.ToRole),
            CreatedAt = clock.GetUtcNow(),
            PendingAccessChange = registration.ToJson(),
            WriteId = registration.WriteId,
        };
        try
        {
            var added = await table.AddEntityAsync(entity, cancellationToken);
            entity.ETag = added.Headers.ETag ?? entity.ETag;
            return entity;
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            var existing = await GetRowAsync(userId, cancellationToken);
            return existing is { WriteId: { Length: > 0 } writeId } && writeId == registration.WriteId ? existing : null;
        }
    }

    public async Task<UserAccount?> GetAsync(string userId, CancellationToken cancellationToken = default) =>
        await GetRowAsync(userId, cancellationToken) is { } entity ? ToAccount(entity) : null;

    /// <summary>The user's row as stored, with its ETag (for <see cref="TryChangeAccessAsync"/>), or null.</summary>
    public async Task<UserEntity?> GetRowAsync(string userId, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.Users);
        var row = await table.GetEntityIfExistsAsync<UserEntity>(UserEntity.Partition, userId, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>
    /// Stores <paramref name="target"/>'s role, disabled flag and pending change (<see cref="UserEntity.PendingAccessChange"/>),
    /// in one transaction with a write of
    /// <paramref name="guard"/>'s row that changes nothing but its ETag: both must still be as read (their ETags).
    /// False when either changed meanwhile (nothing is written then). The guard is the admin making the change: a
    /// change goes through only while they are still the enabled admin they were read as, so two admins disabling or
    /// demoting each other at once cannot both succeed and leave no admin. Users share one partition, which makes the
    /// transaction possible. On success <paramref name="target"/> carries the row's new ETag (for
    /// <see cref="TryClearPendingAccessChangeAsync"/>).
    /// </summary>
    public async Task<bool> TryChangeAccessAsync(UserEntity target, UserEntity guard, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(guard);
        var table = await storage.TableAsync(TableNames.Users);
        var access = new TableEntity(UserEntity.Partition, target.RowKey)
        {
            [nameof(UserEntity.Role)] = target.Role,
            [nameof(UserEntity.Disabled)] = target.Disabled,
            [nameof(UserEntity.PendingAccessChange)] = target.PendingAccessChange ?? "",
        };
        try
        {
            var answer = await table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpdateMerge, access, target.ETag),
                new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(UserEntity.Partition, guard.RowKey), guard.ETag),
            ], cancellationToken);
            if (answer.Value.Count > 0 && answer.Value[0].Headers.ETag is { } etag)
            {
                target.ETag = etag;
            }
            return true;
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed())
        {
            return false;
        }
    }

    /// <summary>
    /// Empties <paramref name="row"/>'s pending change once its events are recorded, if the row is still as read (its
    /// ETag). False when it changed meanwhile: whoever changed it read the pending change first and recorded its events,
    /// or the next change will (recording is once per write, so a pending change met twice costs a refused write, no
    /// second event).
    /// </summary>
    public async Task<bool> TryClearPendingAccessChangeAsync(UserEntity row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        var table = await storage.TableAsync(TableNames.Users);
        try
        {
            var answer = await table.UpdateEntityAsync(
                new TableEntity(UserEntity.Partition, row.RowKey) { [nameof(UserEntity.PendingAccessChange)] = "" }, row.ETag, TableUpdateMode.Merge, cancellationToken);
            row.PendingAccessChange = "";
            row.ETag = answer.Headers.ETag ?? row.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed())
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default) =>
        [.. (await ListRowsAsync(cancellationToken)).Select(ToAccount)];

    /// <summary>Every user's row as stored, with its ETag.</summary>
    public async Task<IReadOnlyList<UserEntity>> ListRowsAsync(CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.Users);
        var rows = new List<UserEntity>();
        await foreach (var entity in table.QueryAsync<UserEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {UserEntity.Partition}"), cancellationToken: cancellationToken))
        {
            rows.Add(entity);
        }
        return rows;
    }

    internal static UserAccount ToAccount(UserEntity entity) =>
        new(entity.RowKey, Enum.TryParse<UserRole>(entity.Role, ignoreCase: true, out var role) ? role : UserRole.Viewer, entity.CreatedAt)
        {
            Phone = entity.Phone,
            PendingPhone = entity.PendingPhone,
            Email = entity.Email,
            Slack = entity.Slack,
            PreferredChannel = entity.PreferredChannel,
            Disabled = entity.Disabled,
        };

    /// <summary>The role as stored: "viewer", "member" or "admin".</summary>
    public static string RoleText(UserRole role) => role.ToString().ToLowerInvariant();
}
