using Azure;
using Azure.Data.Tables;
using DurableObjects.Shared.Storage;
using DurableObjects.Shared.Storage.Entities;

namespace DurableObjects.Shared.Users;

/// <summary>
/// Users' API tokens and the revocation markers keyed revocations leave. Tokens are looked up by their SHA-256; every
/// call reads storage (the app's authentication keeps its own bounded cache of the answers).
/// </summary>
public sealed class TokenStore(StorageClients storage, UserStore users, TimeProvider clock)
{
    /// <summary>
    /// Makes a new token for a user and returns it; this is the only time the token is ever seen. <paramref name="writeId"/>
    /// (a keyed request's operation id, or null) is stored with it, so a retry of that request can find it.
    /// </summary>
    public async Task<(string Token, string TokenId)> CreateAsync(string userId, string name, string? writeId, CancellationToken cancellationToken = default)
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
    public Task<IReadOnlyList<TokenEntity>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {TokenEntity.Partition} and UserId eq {userId}"), cancellationToken);

    /// <summary>The user's tokens whose short id (<see cref="ApiTokens.ShortId"/>) is <paramref name="tokenId"/>: a range of
    /// row keys (the hashes that start with it), so one read of a few rows. Normally one; none for an unknown id or
    /// another user's token.</summary>
    public Task<IReadOnlyList<TokenEntity>> FindAsync(string userId, string tokenId, CancellationToken cancellationToken = default)
    {
        if (!ApiTokens.IsShortId(tokenId))
        {
            throw new ArgumentException(ApiTokens.ShortIdRule, nameof(tokenId));
        }
        // Every hash starting with tokenId sorts from tokenId (inclusive) to tokenId + "~" ('~' sorts after every hex digit).
        var end = tokenId + "~";
        return QueryAsync(TableClient.CreateQueryFilter(
            $"PartitionKey eq {TokenEntity.Partition} and RowKey ge {tokenId} and RowKey lt {end} and UserId eq {userId}"), cancellationToken);
    }

    /// <summary>The user's tokens made by the request with operation id <paramref name="writeId"/> (a filtered read of
    /// the partition, as <see cref="ListAsync"/>; only retried requests ask).</summary>
    public Task<IReadOnlyList<TokenEntity>> FindWrittenByAsync(string userId, string writeId, CancellationToken cancellationToken = default) =>
        QueryAsync(TableClient.CreateQueryFilter(
            $"PartitionKey eq {TokenEntity.Partition} and UserId eq {userId} and WriteId eq {writeId}"), cancellationToken);

    /// <summary>Deletes the token with SHA-256 <paramref name="tokenHash"/>; one already gone is not an error.</summary>
    public async Task DeleteAsync(string tokenHash, CancellationToken cancellationToken = default)
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
    public async Task DeleteAsync(TokenEntity token, string writeId, CancellationToken cancellationToken = default)
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
    /// operation id <paramref name="writeId"/> revoked (<see cref="DeleteAsync(TokenEntity, string, CancellationToken)"/>):
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
        return row.HasValue && row.Value is { } entity ? await users.GetAsync(entity.UserId, cancellationToken) : null;
    }

    private async Task<IReadOnlyList<TokenEntity>> QueryAsync(string filter, CancellationToken cancellationToken)
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
}
