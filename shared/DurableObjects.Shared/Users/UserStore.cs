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
    /// <summary>Creates a user; returns null when the id is taken.</summary>
    public async Task<UserAccount?> CreateAsync(string userId, UserRole role, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.Users);
        var entity = new UserEntity { RowKey = userId, Role = RoleText(role), CreatedAt = clock.GetUtcNow() };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            return null;
        }
        return ToAccount(entity);
    }

    public async Task<UserAccount?> GetAsync(string userId, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.Users);
        var row = await table.GetEntityIfExistsAsync<UserEntity>(UserEntity.Partition, userId, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? ToAccount(entity) : null;
    }

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.Users);
        var users = new List<UserAccount>();
        await foreach (var entity in table.QueryAsync<UserEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {UserEntity.Partition}"), cancellationToken: cancellationToken))
        {
            users.Add(ToAccount(entity));
        }
        return users;
    }

    /// <summary>Makes a new token for a user and returns it; this is the only time the token is ever seen.</summary>
    public async Task<(string Token, string TokenId)> CreateTokenAsync(string userId, string name, CancellationToken cancellationToken = default)
    {
        var token = ApiTokens.Generate();
        var hash = ApiTokens.Hash(token);
        var table = await storage.TableAsync(TableNames.Tokens);
        await table.AddEntityAsync(new TokenEntity { RowKey = hash, UserId = userId, Name = name, CreatedAt = clock.GetUtcNow() }, cancellationToken);
        return (token, ApiTokens.ShortId(hash));
    }

    /// <summary>The user the token with SHA-256 <paramref name="tokenHash"/> (<see cref="ApiTokens.Hash"/>) belongs to,
    /// or null for an unknown token.</summary>
    public async Task<UserAccount?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.Tokens);
        var row = await table.GetEntityIfExistsAsync<TokenEntity>(TokenEntity.Partition, tokenHash, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? await GetAsync(entity.UserId, cancellationToken) : null;
    }

    /// <summary>
    /// Claims the one-time first-start bootstrap. Exactly one caller ever gets true, even with several hosts
    /// starting at once on empty storage (the marker row is insert-only).
    /// </summary>
    public async Task<bool> TryClaimBootstrapAsync(CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.Users);
        try
        {
            await table.AddEntityAsync(new TableEntity("system", "bootstrap") { ["At"] = clock.GetUtcNow() }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            return false;
        }
    }

    internal static UserAccount ToAccount(UserEntity entity) =>
        new(entity.RowKey, Enum.TryParse<UserRole>(entity.Role, ignoreCase: true, out var role) ? role : UserRole.Viewer, entity.CreatedAt)
        {
            Phone = entity.Phone,
            PendingPhone = entity.PendingPhone,
            Email = entity.Email,
            Slack = entity.Slack,
            PreferredChannel = entity.PreferredChannel,
        };

    private static string RoleText(UserRole role) => role.ToString().ToLowerInvariant();
}
