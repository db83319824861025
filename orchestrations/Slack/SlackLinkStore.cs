using Azure;
using Azure.Data.Tables;
using DurableObjects.Shared.Storage;
using DurableObjects.Shared.Users;

namespace DurableObjects.Orchestrations.Slack;

/// <summary>
/// Which Slack member is which user, in Table Storage: linked only through a code sent to that member by direct
/// message and typed back by the signed-in user, as phones are. One user per member and one member per user.
/// </summary>
/// <remarks>
/// Trust model: <see cref="FindUserAsync"/> takes a member id from a request already verified by Slack's signature;
/// the other methods take a user id authenticated by API token. Codes are kept as salted HMACs, used once, within
/// their lifetime and attempts.
/// </remarks>
public sealed class SlackLinkStore(StorageClients storage, UserStore users)
{
    /// <summary>Table (before the configured prefix).</summary>
    public const string Table = "SlackLinks";

    /// <summary>The user linked to Slack member <paramref name="slackUserId"/>, or null.</summary>
    public async Task<UserAccount?> FindUserAsync(string slackUserId, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(Table);
        var member = await GetAsync(table, SlackLinkEntity.MemberPartition, slackUserId, cancellationToken);
        if (member is null || await LinkedMemberAsync(member.UserId, cancellationToken) != slackUserId)
        {
            return null;
        }
        return await users.GetAsync(member.UserId, cancellationToken);
    }

    /// <summary>The Slack member linked to <paramref name="userId"/>, or null.</summary>
    public async Task<string?> LinkedMemberAsync(string userId, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(Table);
        return (await GetAsync(table, SlackLinkEntity.UserPartition, userId, cancellationToken))?.SlackUserId;
    }

    /// <summary>Stores a new code for linking <paramref name="slackUserId"/> to <paramref name="userId"/> (replacing an earlier one). The caller sends it.</summary>
    public async Task<SlackLinkResult> ClaimAsync(
        string userId, string slackUserId, string code, DateTimeOffset now, TimeSpan lifetime, TimeSpan resendCooldown, CancellationToken cancellationToken = default)
    {
        if (await LinkedMemberAsync(userId, cancellationToken) == slackUserId)
        {
            return new SlackLinkResult(SlackLinkStatus.AlreadyLinked, slackUserId);
        }
        if (await FindUserAsync(slackUserId, cancellationToken) is { } other && other.Id != userId)
        {
            return new SlackLinkResult(SlackLinkStatus.TakenByAnotherUser, slackUserId);
        }
        var table = await storage.TableAsync(Table);
        if (await GetAsync(table, SlackLinkEntity.PendingPartition, userId, cancellationToken) is { } earlier && earlier.At + resendCooldown > now)
        {
            return new SlackLinkResult(SlackLinkStatus.TooSoon, slackUserId);
        }
        var salt = VerificationCodes.NewSalt();
        await table.UpsertEntityAsync(new SlackLinkEntity
        {
            PartitionKey = SlackLinkEntity.PendingPartition,
            RowKey = userId,
            UserId = userId,
            SlackUserId = slackUserId,
            At = now,
            Salt = salt,
            CodeHash = VerificationCodes.Hash(code, salt),
            ExpiresAt = now + lifetime,
        }, TableUpdateMode.Replace, cancellationToken);
        return new SlackLinkResult(SlackLinkStatus.Ok, slackUserId);
    }

    /// <summary>Checks the code <paramref name="userId"/> typed; on success links the member it was sent to.</summary>
    public async Task<SlackLinkResult> VerifyAsync(string userId, string code, DateTimeOffset now, int maxAttempts, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(Table);
        if (await GetAsync(table, SlackLinkEntity.PendingPartition, userId, cancellationToken) is not { } pending)
        {
            return new SlackLinkResult(SlackLinkStatus.NoPendingCode);
        }
        if (now > pending.ExpiresAt)
        {
            return new SlackLinkResult(SlackLinkStatus.Expired, pending.SlackUserId);
        }
        if (pending.Attempts >= maxAttempts)
        {
            return new SlackLinkResult(SlackLinkStatus.TooManyAttempts, pending.SlackUserId);
        }
        if (!VerificationCodes.Matches(code, pending.Salt!, pending.CodeHash!))
        {
            pending.Attempts++;
            try
            {
                await table.UpdateEntityAsync(pending, pending.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException e) when (e.IsPreconditionFailed() || e.IsNotFound())
            {
                // Checked or replaced at the same moment; this attempt still failed.
            }
            return new SlackLinkResult(SlackLinkStatus.WrongCode, pending.SlackUserId, Math.Max(0, maxAttempts - pending.Attempts));
        }
        try
        {
            // Deleting under the ETag makes the code single-use even when two checks race.
            await table.DeleteEntityAsync(pending, pending.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed() || e.IsNotFound())
        {
            return new SlackLinkResult(SlackLinkStatus.NoPendingCode, pending.SlackUserId);
        }
        if (await FindUserAsync(pending.SlackUserId, cancellationToken) is { } other && other.Id != userId)
        {
            return new SlackLinkResult(SlackLinkStatus.TakenByAnotherUser, pending.SlackUserId);
        }
        var previous = await LinkedMemberAsync(userId, cancellationToken);
        await table.UpsertEntityAsync(new SlackLinkEntity
        {
            PartitionKey = SlackLinkEntity.MemberPartition, RowKey = pending.SlackUserId, UserId = userId, SlackUserId = pending.SlackUserId, At = now,
        }, TableUpdateMode.Replace, cancellationToken);
        await table.UpsertEntityAsync(new SlackLinkEntity
        {
            PartitionKey = SlackLinkEntity.UserPartition, RowKey = userId, UserId = userId, SlackUserId = pending.SlackUserId, At = now,
        }, TableUpdateMode.Replace, cancellationToken);
        if (previous is not null && previous != pending.SlackUserId)
        {
            await DeleteMemberIfOwnedAsync(table, previous, userId, cancellationToken);
        }
        return new SlackLinkResult(SlackLinkStatus.Ok, pending.SlackUserId);
    }

    /// <summary>Forgets the user's Slack link and any code waiting; the member stops acting as the user at once.</summary>
    public async Task<string?> RemoveAsync(string userId, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(Table);
        var linked = await GetAsync(table, SlackLinkEntity.UserPartition, userId, cancellationToken);
        await DeleteIfExistsAsync(table, SlackLinkEntity.UserPartition, userId, cancellationToken);
        await DeleteIfExistsAsync(table, SlackLinkEntity.PendingPartition, userId, cancellationToken);
        if (linked is not null)
        {
            await DeleteMemberIfOwnedAsync(table, linked.SlackUserId, userId, cancellationToken);
        }
        return linked?.SlackUserId;
    }

    private static async Task DeleteMemberIfOwnedAsync(TableClient table, string slackUserId, string userId, CancellationToken cancellationToken)
    {
        if (await GetAsync(table, SlackLinkEntity.MemberPartition, slackUserId, cancellationToken) is { } member && member.UserId == userId)
        {
            try
            {
                await table.DeleteEntityAsync(member, member.ETag, cancellationToken);
            }
            catch (RequestFailedException e) when (e.IsPreconditionFailed() || e.IsNotFound())
            {
                // Taken over or removed meanwhile: not ours to delete any more.
            }
        }
    }

    private static async Task DeleteIfExistsAsync(TableClient table, string partition, string row, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partition, row, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.IsNotFound())
        {
            // Nothing to forget.
        }
    }

    private static async Task<SlackLinkEntity?> GetAsync(TableClient table, string partition, string row, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<SlackLinkEntity>(partition, row, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }
}
