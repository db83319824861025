using Azure;
using Azure.Data.Tables;
using DurableObjects.Shared.Storage;
using Microsoft.Extensions.Options;

namespace DurableObjects.Functions.Http;

/// <summary>
/// Idempotency-Key records in Table Storage. A key is reserved by inserting its row before the request runs (insert
/// is atomic: of two concurrent duplicates exactly one wins); the answer replaces the row afterwards, guarded by the
/// ETag of the reservation, so a request whose lease expired and was taken over cannot overwrite its successor.
/// </summary>
public sealed class IdempotencyStore(StorageClients storage, IOptions<IdempotencyOptions> options, TimeProvider clock)
{
    /// <summary>Reserves <paramref name="key"/> for one attempt of a request, or says why it must not run.</summary>
    /// <param name="claimId">Unique per attempt (the middleware makes a new one per request); a retried insert of the
    /// same attempt recognises its own reservation by it.</param>
    public async Task<IdempotencyClaim> ClaimAsync(string userId, string key, string requestHash, string claimId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableNames.IdempotencyKeys);
        var now = clock.GetUtcNow();
        var reservation = new IdempotencyRecord
        {
            PartitionKey = userId,
            RowKey = IdempotencyCipher.RowKey(key),
            State = IdempotencyRecord.Pending,
            RequestHash = requestHash,
            ClaimId = claimId,
            CreatedAt = now,
            LeaseUntil = now + options.Value.Lease,
        };
        try
        {
            var added = await table.AddEntityAsync(reservation, cancellationToken);
            reservation.ETag = added.Headers.ETag ?? ETag.All;
            return new IdempotencyClaim(IdempotencyClaimKind.Acquired, reservation);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Already claimed: decide from what is recorded.
        }

        var existing = (await table.GetEntityAsync<IdempotencyRecord>(reservation.PartitionKey, reservation.RowKey,
            cancellationToken: cancellationToken)).Value;
        if (existing.ClaimId == claimId && existing.State == IdempotencyRecord.Pending)
        {
            // Our own insert: storage applied it but its answer was lost, and the storage client's retry of the insert
            // met the row it had written. Without this, the attempt would answer 409 to itself and leave its own
            // reservation pending until the lease ends.
            return new IdempotencyClaim(IdempotencyClaimKind.Acquired, existing);
        }
        var expired = existing.CreatedAt + options.Value.Retention < now;
        if (!expired && existing.RequestHash != requestHash)
        {
            return new IdempotencyClaim(IdempotencyClaimKind.Mismatch, existing);
        }
        if (!expired && existing.State == IdempotencyRecord.Done)
        {
            return new IdempotencyClaim(IdempotencyClaimKind.Replay, existing);
        }
        if (!expired && existing.State == IdempotencyRecord.Pending && existing.LeaseUntil > now)
        {
            return new IdempotencyClaim(IdempotencyClaimKind.InProgress, existing);
        }

        // Failed (answered 5xx), abandoned (lease over) or expired: this request takes the key over, unless a
        // concurrent duplicate took it first. Failed or abandoned, it is the same operation as the earlier attempt,
        // whose writes storage may have applied: it keeps the first reservation's time (the operation's identity, see
        // RequestOperation) and is told to look for them. Expired, the key starts a new operation.
        if (!expired)
        {
            reservation.CreatedAt = existing.CreatedAt;
        }
        try
        {
            var replaced = await table.UpdateEntityAsync(reservation, existing.ETag, TableUpdateMode.Replace, cancellationToken);
            reservation.ETag = replaced.Headers.ETag ?? ETag.All;
            return new IdempotencyClaim(IdempotencyClaimKind.Acquired, reservation, TakenOver: !expired);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return new IdempotencyClaim(IdempotencyClaimKind.InProgress, existing);
        }
    }

    /// <summary>Records the answer of an acquired request. False when the reservation was taken over meanwhile.</summary>
    public async Task<bool> CompleteAsync(IdempotencyRecord reservation, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableNames.IdempotencyKeys);
        try
        {
            await table.UpdateEntityAsync(reservation, reservation.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }
}
