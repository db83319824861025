using Azure;
using Azure.Data.Tables;
using DurableObjects.Shared.Storage;
using DurableObjects.Shared.Storage.Entities;

namespace DurableObjects.Shared.Users;

/// <summary>
/// Users and their API tokens. Tokens are looked up by their SHA-256; every call reads storage (the app's
/// authentication keeps its own bounded cache of the answers).
/// </summary>
public sealed class UserStore(StorageClients storage, TimeProvider clock)
{
    private const string BootstrapPartition = "system";
    private const string BootstrapRow = "bootstrap";

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

    /// <summary>
    /// Makes a new token for a user and returns it; this is the only time the token is ever seen. <paramref name="writeId"/>
    /// (a keyed request's operation id, or null) is stored with it, so a retry of that request can find it.
    /// </summary>
    public async Task<(string Token, string TokenId)> CreateTokenAsync(string userId, string name, string? writeId, CancellationToken cancellationToken = default)
    {
        var token = ApiTokens.Generate();
        var hash = ApiTokens.Hash(token);
        var table = await storage.TableAsync(TableNames.Tokens);
        try
        {
            await table.AddEntityAsync(new TokenEntity { RowKey = hash, UserId = userId, Name = name, CreatedAt = clock.GetUtcNow(), WriteId = writeId }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            // The row key is 256 fresh random bits: a 409 is this very insert, applied by storage, its answer lost and
            // sent again by the storage client. The token is stored (the row says whose it is, to be sure).
            if (!await OwnsAsync(table, hash, userId, cancellationToken))
            {
                throw;
            }
        }
        return (token, ApiTokens.ShortId(hash));
    }

    /// <summary>
    /// The user's tokens, oldest first. Tokens live in one partition keyed by their hash, so this reads the partition
    /// with a filter on <see cref="TokenEntity.UserId"/>: fine while tokens number in the thousands; an index row per
    /// user would be the next step.
    /// </summary>
    public Task<IReadOnlyList<TokenEntity>> ListTokensAsync(string userId, CancellationToken cancellationToken = default) =>
        QueryTokensAsync(TableClient.CreateQueryFilter($"PartitionKey eq {TokenEntity.Partition} and UserId eq {userId}"), cancellationToken);

    /// <summary>The user's tokens whose short id (<see cref="ApiTokens.ShortId"/>) is <paramref name="tokenId"/>: a range of
    /// row keys (the hashes that start with it), so one read of a few rows. Normally one; none for an unknown id or
    /// another user's token.</summary>
    public Task<IReadOnlyList<TokenEntity>> FindTokensAsync(string userId, string tokenId, CancellationToken cancellationToken = default)
    {
        if (!ApiTokens.IsShortId(tokenId))
        {
            throw new ArgumentException(ApiTokens.ShortIdRule, nameof(tokenId));
        }
        // Every hash starting with tokenId sorts from tokenId (inclusive) to tokenId + "~" ('~' sorts after every hex digit).
        var end = tokenId + "~";
        return QueryTokensAsync(TableClient.CreateQueryFilter(
            $"PartitionKey eq {TokenEntity.Partition} and RowKey ge {tokenId} and RowKey lt {end} and UserId eq {userId}"), cancellationToken);
    }

    /// <summary>The user's tokens made by the request with operation id <paramref name="writeId"/> (a filtered read of
    /// the partition, as <see cref="ListTokensAsync"/>; only retried requests ask).</summary>
    public Task<IReadOnlyList<TokenEntity>> FindTokensWrittenByAsync(string userId, string writeId, CancellationToken cancellationToken = default) =>
        QueryTokensAsync(TableClient.CreateQueryFilter(
            $"PartitionKey eq {TokenEntity.Partition} and UserId eq {userId} and WriteId eq {writeId}"), cancellationToken);

    /// <summary>Deletes the token with SHA-256 <paramref name="tokenHash"/>; one already gone is not an error.</summary>
    public async Task DeleteTokenAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.Tokens);
        try
        {
            await table.DeleteEntityAsync(TokenEntity.Partition, tokenHash, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.IsNotFound())
        {
            // Deleted meanwhile, or this delete was applied and its answer lost before the storage client sent it again.
        }
    }

    /// <summary>
    /// Deletes <paramref name="token"/>'s row and writes its revocation marker (<see cref="RevocationMarker"/>: whose it
    /// was, and <paramref name="writeId"/>, the revoking request's operation id) in one entity-group transaction: tokens
    /// and markers share the token partition, so both are stored or neither. A retry of that request, finding the token
    /// gone, finds the marker by its operation (<see cref="FindRevokedByAsync"/>) and knows the token was revoked by it.
    /// On the normal path this is one request, as the plain delete was.
    /// </summary>
    public async Task DeleteTokenAsync(TokenEntity token, string writeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrEmpty(writeId);
        var table = await storage.TableAsync(TableNames.Tokens);
        var marker = new TableEntity(TokenEntity.Partition, RevocationMarker.RowKeyOf(token.RowKey))
        {
            [RevocationMarker.Owner] = token.UserId,
            [RevocationMarker.Name] = token.Name,
            [RevocationMarker.CreatedAt] = token.CreatedAt,
            [RevocationMarker.WriteId] = writeId,
            [RevocationMarker.RevokedAt] = clock.GetUtcNow(),
        };
        try
        {
            await table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(TokenEntity.Partition, token.RowKey), ETag.All),
                new TableTransactionAction(TableTransactionActionType.Add, marker),
            ], cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409)
        {
            // The token is gone: this very transaction, applied with its answer lost and sent again by the storage
            // client (its marker stands), or a concurrent revocation (which recorded the revocation in its stead).
        }
    }

    /// <summary>
    /// The tokens (as they were) of <paramref name="userId"/> with short id <paramref name="tokenId"/> that the request with
    /// operation id <paramref name="writeId"/> revoked (<see cref="DeleteTokenAsync(TokenEntity, string, CancellationToken)"/>):
    /// a range of marker row keys, so one read of a few rows. Only a retried request asks.
    /// </summary>
    public async Task<IReadOnlyList<TokenEntity>> FindRevokedByAsync(string userId, string tokenId, string writeId, CancellationToken cancellationToken = default)
    {
        if (!ApiTokens.IsShortId(tokenId))
        {
            throw new ArgumentException(ApiTokens.ShortIdRule, nameof(tokenId));
        }
        var table = await storage.TableAsync(TableNames.Tokens);
        var (start, end) = (RevocationMarker.RowKeyOf(tokenId), RevocationMarker.RowKeyOf(tokenId) + "~");
        var tokens = new List<TokenEntity>();
        await foreach (var marker in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {TokenEntity.Partition} and RowKey ge {start} and RowKey lt {end} and Owner eq {userId} and WriteId eq {writeId}"),
            cancellationToken: cancellationToken))
        {
            tokens.Add(new TokenEntity
            {
                RowKey = RevocationMarker.TokenHashOf(marker.RowKey),
                UserId = userId,
                Name = marker.GetString(RevocationMarker.Name) ?? "",
                CreatedAt = marker.GetDateTimeOffset(RevocationMarker.CreatedAt) ?? default,
            });
        }
        return tokens;
    }

    /// <summary>
    /// Deletes the revocation markers (<see cref="RevocationMarker"/>) written before <paramref name="revokedBefore"/>:
    /// one read of the markers' range of row keys (which holds no token), then a delete of each; returns how many it
    /// deleted. A marker deleted meanwhile (by another host's purge) is not an error.
    /// </summary>
    public async Task<int> DeleteRevocationMarkersAsync(DateTimeOffset revokedBefore, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.Tokens);
        var (start, end) = (RevocationMarker.Prefix, RevocationMarker.Prefix + "~");
        var deleted = 0;
        await foreach (var marker in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {TokenEntity.Partition} and RowKey ge {start} and RowKey lt {end} and RevokedAt lt {revokedBefore}"),
            select: [nameof(TableEntity.RowKey)], cancellationToken: cancellationToken))
        {
            try
            {
                // Unconditional: a marker is written once and never changed.
                await table.DeleteEntityAsync(TokenEntity.Partition, marker.RowKey, ETag.All, cancellationToken);
                deleted++;
            }
            catch (RequestFailedException e) when (e.IsNotFound())
            {
                // Deleted meanwhile, or this delete applied with its answer lost and sent again by the storage client.
            }
        }
        return deleted;
    }

    /// <summary>The user the token with SHA-256 <paramref name="tokenHash"/> (<see cref="ApiTokens.Hash"/>) belongs to,
    /// or null for an unknown token.</summary>
    public async Task<UserAccount?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.Tokens);
        var row = await table.GetEntityIfExistsAsync<TokenEntity>(TokenEntity.Partition, tokenHash, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? await GetAsync(entity.UserId, cancellationToken) : null;
    }

    /// <summary>How long a first-start claim is left to its host before another may take it over, when still no user
    /// exists: far longer than creating one user and its token takes.</summary>
    public static readonly TimeSpan BootstrapClaimLease = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Claims the one-time first-start bootstrap. One caller at a time gets true, even with several hosts starting at
    /// once on empty storage (the marker row is inserted once, and taken over only by an ETag-guarded replace). The row
    /// carries a write id this call chose, so a conflict is told apart: a row with that id is this claim's own (its
    /// insert applied by storage with its answer lost, and sent again by the storage client), any other row is another
    /// host's claim. A claim older than <see cref="BootstrapClaimLease"/> while storage still holds no user at all is a
    /// host that died between its claim and the admin's creation: without a takeover nobody could ever get in, and with
    /// no user there is nobody whose access a new admin could bypass. A normal start after the first pays one read of
    /// the claim and, once its lease is past, one query for any user.
    /// </summary>
    public async Task<bool> TryClaimBootstrapAsync(CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.Users);
        var writeId = Guid.NewGuid().ToString("N");
        try
        {
            await table.AddEntityAsync(
                new TableEntity(BootstrapPartition, BootstrapRow) { ["At"] = clock.GetUtcNow(), [nameof(UserEntity.WriteId)] = writeId },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(BootstrapPartition, BootstrapRow, cancellationToken: cancellationToken);
            if (!found.HasValue || found.Value is not { } claim)
            {
                return false;
            }
            if (claim.GetString(nameof(UserEntity.WriteId)) == writeId)
            {
                return true;
            }
            return clock.GetUtcNow() - (claim.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue) > BootstrapClaimLease &&
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
                new TableEntity(BootstrapPartition, BootstrapRow) { ["At"] = clock.GetUtcNow(), [nameof(UserEntity.WriteId)] = writeId },
                claim.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed())
        {
            var again = await table.GetEntityIfExistsAsync<TableEntity>(BootstrapPartition, BootstrapRow, cancellationToken: cancellationToken);
            return again.HasValue && again.Value?.GetString(nameof(UserEntity.WriteId)) == writeId;
        }
    }

    private async Task<IReadOnlyList<TokenEntity>> QueryTokensAsync(string filter, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableNames.Tokens);
        var tokens = new List<TokenEntity>();
        await foreach (var entity in table.QueryAsync<TokenEntity>(filter, cancellationToken: cancellationToken))
        {
            tokens.Add(entity);
        }
        return [.. tokens.OrderBy(t => t.CreatedAt).ThenBy(t => t.RowKey, StringComparer.Ordinal)];
    }

    private static async Task<bool> OwnsAsync(TableClient table, string tokenHash, string userId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TokenEntity>(TokenEntity.Partition, tokenHash, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity && string.Equals(entity.UserId, userId, StringComparison.Ordinal);
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
