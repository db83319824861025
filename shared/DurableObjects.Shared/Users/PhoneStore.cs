using Azure;
using Azure.Data.Tables;
using DurableObjects.Shared.Storage;
using DurableObjects.Shared.Storage.Entities;

namespace DurableObjects.Shared.Users;

/// <summary>
/// Users' contact details and phone verification in Table Storage: the verified-phone index (number → user), the
/// codes waiting to come back (number → HMAC of the code), and the contact fields on the user's row.
/// </summary>
/// <remarks>
/// Trust model: callers pass numbers already normalized to E.164 and a user id already authenticated (API token) or
/// a number already authenticated (Twilio signature). This store decides who owns a number: one verified user per
/// number, a number becomes verified only through its code, a code works once, within its lifetime and attempts.
/// Every user-row change is a read-modify-replace under the row's ETag, so concurrent changes never overwrite.
/// </remarks>
public sealed class PhoneStore(StorageClients storage)
{
    /// <summary>The user whose verified phone is <paramref name="phone"/>, or null (unknown or not verified).</summary>
    public async Task<UserAccount?> FindByVerifiedPhoneAsync(string phone, CancellationToken cancellationToken = default)
    {
        var phones = await storage.TableAsync(TableNames.Phones);
        var index = await phones.GetEntityIfExistsAsync<PhoneEntity>(PhoneEntity.Partition, phone, cancellationToken: cancellationToken);
        if (!index.HasValue || index.Value is not { } row)
        {
            return null;
        }
        var user = await GetUserRowAsync(row.UserId, cancellationToken);
        // The user row is the truth: an index row left behind by an interrupted change identifies nobody.
        return user is not null && string.Equals(user.Phone, phone, StringComparison.Ordinal) ? UserStore.ToAccount(user) : null;
    }

    /// <summary>
    /// Stores a new code for <paramref name="phone"/> on behalf of <paramref name="userId"/> (replacing any earlier code
    /// for that number) and marks the number pending on the user. The caller sends the code.
    /// </summary>
    public async Task<PhoneVerificationResult> ClaimAsync(
        string userId, string phone, string code, DateTimeOffset now, TimeSpan lifetime, TimeSpan resendCooldown, CancellationToken cancellationToken = default)
    {
        var user = await GetUserRowAsync(userId, cancellationToken) ?? throw new InvalidOperationException("Unknown user.");
        if (string.Equals(user.Phone, phone, StringComparison.Ordinal))
        {
            return new PhoneVerificationResult(PhoneVerificationStatus.AlreadyVerified, userId, phone);
        }
        var phones = await storage.TableAsync(TableNames.Phones);
        var owner = await phones.GetEntityIfExistsAsync<PhoneEntity>(PhoneEntity.Partition, phone, cancellationToken: cancellationToken);
        if (owner.HasValue && owner.Value is { } taken && taken.UserId != userId && await IsVerifiedByAsync(taken.UserId, phone, cancellationToken))
        {
            return new PhoneVerificationResult(PhoneVerificationStatus.TakenByAnotherUser, userId, phone);
        }
        var pending = await storage.TableAsync(TableNames.PhoneVerifications);
        var earlier = await pending.GetEntityIfExistsAsync<PhoneVerificationEntity>(PhoneVerificationEntity.Partition, phone, cancellationToken: cancellationToken);
        if (earlier.HasValue && earlier.Value is { } last && last.SentAt + resendCooldown > now)
        {
            return new PhoneVerificationResult(PhoneVerificationStatus.TooSoon, userId, phone);
        }
        var salt = VerificationCodes.NewSalt();
        await pending.UpsertEntityAsync(new PhoneVerificationEntity
        {
            RowKey = phone,
            UserId = userId,
            Salt = salt,
            CodeHash = VerificationCodes.Hash(code, salt),
            SentAt = now,
            ExpiresAt = now + lifetime,
        }, TableUpdateMode.Replace, cancellationToken);
        string? abandoned = null;
        await UpdateUserAsync(userId, u =>
        {
            abandoned = u.PendingPhone != phone ? u.PendingPhone : null;
            u.PendingPhone = phone;
        }, cancellationToken);
        if (abandoned is not null)
        {
            // The code sent to the number the user moved away from must not link it later.
            await DeletePendingIfOwnedAsync(pending, abandoned, userId, cancellationToken);
        }
        return new PhoneVerificationResult(PhoneVerificationStatus.Ok, userId, phone);
    }

    /// <summary>Checks a code typed into the API by <paramref name="userId"/> against their pending number.</summary>
    public async Task<PhoneVerificationResult> VerifyForUserAsync(string userId, string code, DateTimeOffset now, int maxAttempts, CancellationToken cancellationToken = default)
    {
        var user = await GetUserRowAsync(userId, cancellationToken);
        return user?.PendingPhone is { } phone
            ? await VerifyAsync(phone, userId, code, now, maxAttempts, cancellationToken)
            : new PhoneVerificationResult(PhoneVerificationStatus.NoPendingCode, userId);
    }

    /// <summary>Checks a code texted back from <paramref name="phone"/> (the sender is proven by the webhook signature).</summary>
    public Task<PhoneVerificationResult> VerifyFromPhoneAsync(string phone, string code, DateTimeOffset now, int maxAttempts, CancellationToken cancellationToken = default) =>
        VerifyAsync(phone, null, code, now, maxAttempts, cancellationToken);

    /// <summary>Sets the contact fields given (null leaves a field as it is; empty clears it). Null when the user does not exist.</summary>
    public Task<UserAccount?> SetContactAsync(string userId, string? email, string? slack, string? preferredChannel, CancellationToken cancellationToken = default) =>
        UpdateUserAsync(userId, u =>
        {
            u.Email = email is null ? u.Email : EmptyToNull(email);
            u.Slack = slack is null ? u.Slack : EmptyToNull(slack);
            u.PreferredChannel = preferredChannel is null ? u.PreferredChannel : EmptyToNull(preferredChannel);
        }, cancellationToken);

    /// <summary>Forgets the user's verified and pending phone; the number stops commanding at once.</summary>
    public async Task<UserAccount?> RemovePhoneAsync(string userId, CancellationToken cancellationToken = default)
    {
        string? removed = null;
        var user = await UpdateUserAsync(userId, u =>
        {
            removed = u.Phone;
            u.Phone = null;
            u.PendingPhone = null;
        }, cancellationToken);
        if (removed is not null)
        {
            await DeleteIndexIfOwnedAsync(removed, userId, cancellationToken);
        }
        return user;
    }

    /// <summary>
    /// The user's pending number if the code waiting for it is still theirs and nobody has verified it: the number
    /// whose outboxed messages (the code) the user may read.
    /// </summary>
    public async Task<string?> OwnPendingPhoneAsync(UserAccount user, CancellationToken cancellationToken = default)
    {
        if (user.PendingPhone is not { } phone)
        {
            return null;
        }
        var pending = await storage.TableAsync(TableNames.PhoneVerifications);
        var row = await pending.GetEntityIfExistsAsync<PhoneVerificationEntity>(PhoneVerificationEntity.Partition, phone, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value?.UserId != user.Id)
        {
            return null;
        }
        return await FindByVerifiedPhoneAsync(phone, cancellationToken) is null ? phone : null;
    }

    private async Task<PhoneVerificationResult> VerifyAsync(string phone, string? userId, string code, DateTimeOffset now, int maxAttempts, CancellationToken cancellationToken)
    {
        var pending = await storage.TableAsync(TableNames.PhoneVerifications);
        var found = await pending.GetEntityIfExistsAsync<PhoneVerificationEntity>(PhoneVerificationEntity.Partition, phone, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } row || (userId is not null && row.UserId != userId))
        {
            return new PhoneVerificationResult(PhoneVerificationStatus.NoPendingCode, userId, phone);
        }
        if (now > row.ExpiresAt)
        {
            return new PhoneVerificationResult(PhoneVerificationStatus.Expired, row.UserId, phone);
        }
        if (row.Attempts >= maxAttempts)
        {
            return new PhoneVerificationResult(PhoneVerificationStatus.TooManyAttempts, row.UserId, phone);
        }
        if (!VerificationCodes.Matches(code, row.Salt, row.CodeHash))
        {
            row.Attempts++;
            try
            {
                await pending.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException e) when (e.IsPreconditionFailed() || e.IsNotFound())
            {
                // Someone else checked or replaced the code at the same moment; this attempt still failed.
            }
            return new PhoneVerificationResult(PhoneVerificationStatus.WrongCode, row.UserId, phone, Math.Max(0, maxAttempts - row.Attempts));
        }
        try
        {
            // Deleting under the ETag makes the code single-use even when two checks race.
            await pending.DeleteEntityAsync(row, row.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed() || e.IsNotFound())
        {
            return new PhoneVerificationResult(PhoneVerificationStatus.NoPendingCode, row.UserId, phone);
        }
        return await MarkVerifiedAsync(row.UserId, phone, now, cancellationToken);
    }

    private async Task<PhoneVerificationResult> MarkVerifiedAsync(string userId, string phone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var phones = await storage.TableAsync(TableNames.Phones);
        try
        {
            await phones.AddEntityAsync(new PhoneEntity { RowKey = phone, UserId = userId, VerifiedAt = now }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            var existing = (await phones.GetEntityAsync<PhoneEntity>(PhoneEntity.Partition, phone, cancellationToken: cancellationToken)).Value;
            if (existing.UserId != userId)
            {
                if (await IsVerifiedByAsync(existing.UserId, phone, cancellationToken))
                {
                    return new PhoneVerificationResult(PhoneVerificationStatus.TakenByAnotherUser, userId, phone);
                }
                existing.UserId = userId;
                existing.VerifiedAt = now;
                await phones.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, cancellationToken);
            }
        }
        string? previous = null;
        await UpdateUserAsync(userId, u =>
        {
            previous = u.Phone;
            u.Phone = phone;
            u.PendingPhone = string.Equals(u.PendingPhone, phone, StringComparison.Ordinal) ? null : u.PendingPhone;
        }, cancellationToken);
        if (previous is not null && previous != phone)
        {
            await DeleteIndexIfOwnedAsync(previous, userId, cancellationToken);
        }
        return new PhoneVerificationResult(PhoneVerificationStatus.Ok, userId, phone);
    }

    private static async Task DeletePendingIfOwnedAsync(TableClient pending, string phone, string userId, CancellationToken cancellationToken)
    {
        var row = await pending.GetEntityIfExistsAsync<PhoneVerificationEntity>(PhoneVerificationEntity.Partition, phone, cancellationToken: cancellationToken);
        if (row.HasValue && row.Value is { } mine && mine.UserId == userId)
        {
            try
            {
                await pending.DeleteEntityAsync(mine, mine.ETag, cancellationToken);
            }
            catch (RequestFailedException e) when (e.IsPreconditionFailed() || e.IsNotFound())
            {
                // Replaced or used meanwhile: nothing of ours left to remove.
            }
        }
    }

    private async Task<bool> IsVerifiedByAsync(string userId, string phone, CancellationToken cancellationToken) =>
        await GetUserRowAsync(userId, cancellationToken) is { } user && string.Equals(user.Phone, phone, StringComparison.Ordinal);

    private async Task DeleteIndexIfOwnedAsync(string phone, string userId, CancellationToken cancellationToken)
    {
        var phones = await storage.TableAsync(TableNames.Phones);
        var row = await phones.GetEntityIfExistsAsync<PhoneEntity>(PhoneEntity.Partition, phone, cancellationToken: cancellationToken);
        if (row.HasValue && row.Value is { } owned && owned.UserId == userId)
        {
            try
            {
                await phones.DeleteEntityAsync(owned, owned.ETag, cancellationToken);
            }
            catch (RequestFailedException e) when (e.IsPreconditionFailed() || e.IsNotFound())
            {
                // Taken over or removed meanwhile: not ours to delete any more.
            }
        }
    }

    private async Task<UserEntity?> GetUserRowAsync(string userId, CancellationToken cancellationToken)
    {
        var users = await storage.TableAsync(TableNames.Users);
        var row = await users.GetEntityIfExistsAsync<UserEntity>(UserEntity.Partition, userId, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    private async Task<UserAccount?> UpdateUserAsync(string userId, Action<UserEntity> change, CancellationToken cancellationToken)
    {
        var users = await storage.TableAsync(TableNames.Users);
        for (var attempt = 0; ; attempt++)
        {
            var row = await GetUserRowAsync(userId, cancellationToken);
            if (row is null)
            {
                return null;
            }
            change(row);
            try
            {
                await users.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return UserStore.ToAccount(row);
            }
            catch (RequestFailedException e) when (e.IsPreconditionFailed() && attempt < 5)
            {
                // Another change landed first: read again and reapply.
            }
        }
    }

    private static string? EmptyToNull(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
