using Azure;
using Azure.Data.Tables;
using DurableObjects.Shared.Storage;

namespace DurableObjects.Shared.Audit.Chain;

/// <summary>
/// The tamper-evident record of decisions: reward decisions, approvals, version commits, deploys and rollbacks, each
/// appended as a record carrying the SHA-256 of the record before it and of its own canonical JSON.
/// <para>
/// Concurrency: append is insert-only, like the Versions table. A writer reads the head (the newest record), then
/// inserts record head+1 together with the row of its idempotency key in one entity-group transaction. Two writers
/// on the same head race for the same row key; storage lets exactly one insert succeed (409 for the other, which
/// reads the new head and tries again), so the chain never forks however many hosts append. The key row makes an
/// append idempotent: a step the engine delivers twice finds its record instead of adding another.
/// </para>
/// Trust model: records are written only by this service inside the host; nothing in the API writes them. Anyone
/// with write access to the storage account can still change a row: that is what <see cref="VerifyAsync"/> detects
/// (a changed record, a broken link, a missing record). Truncating the newest records is detected only against a
/// head hash kept elsewhere, which is why verification reports the head hash.
/// </summary>
public sealed class DecisionChain(StorageClients storage, TimeProvider clock)
{
    private const int MaxAttempts = 64;

    /// <summary>Appends a record unless one with <paramref name="key"/> exists; returns the stored record either way.</summary>
    public async Task<ChainRecord> AppendAsync<TDetails>(string key, string type, string subject, string actor, TDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var detailsJson = ChainHashing.Canonical(details);
        var table = await storage.TableAsync(TableNames.DecisionChain);
        for (var attempt = 1; ; attempt++)
        {
            if (await FindAsync(table, key, cancellationToken) is { } existing)
            {
                return existing;
            }
            var head = await HeadAsync(table, cancellationToken);
            var sequence = (head?.Sequence ?? 0) + 1;
            var previous = head?.Hash ?? ChainHashing.Genesis;
            // Table Storage keeps times to the millisecond on some stores (Azurite); hash what will read back.
            var now = clock.GetUtcNow();
            var time = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
            var record = new ChainEntity
            {
                RowKey = ChainEntity.RecordRowKey(sequence),
                Sequence = sequence,
                Key = key,
                Type = type,
                Subject = subject,
                Actor = actor,
                Time = time,
                DetailsJson = detailsJson,
                PreviousHash = previous,
                Hash = ChainHashing.RecordHash(sequence, key, type, subject, actor, time, detailsJson, previous),
            };
            var keyRow = new ChainEntity { RowKey = ChainEntity.KeyRowKey(key), Sequence = sequence, Key = key };
            try
            {
                await table.SubmitTransactionAsync(
                    [new TableTransactionAction(TableTransactionActionType.Add, record), new TableTransactionAction(TableTransactionActionType.Add, keyRow)],
                    cancellationToken);
                return record.ToRecord();
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && attempt < MaxAttempts)
            {
                // Another writer took this sequence number (or recorded this key): read again. A short random pause
                // keeps many writers on one head from retrying in lockstep.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 + attempt * 5)), clock, cancellationToken);
            }
        }
    }

    /// <summary>The newest records first (for the audit page).</summary>
    public async Task<Storage.Page<ChainRecord>> ListAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.DecisionChain);
        return await TablePaging.FirstPageAsync(
            table.QueryAsync<ChainEntity>(RecordFilter, pageSize, cancellationToken: cancellationToken),
            pageSize, continuationToken, e => e.ToRecord());
    }

    /// <summary>Walks the chain from its first record and names the first one that is changed, unlinked or missing.</summary>
    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.DecisionChain);
        var newestFirst = new List<ChainEntity>();
        await foreach (var row in table.QueryAsync<ChainEntity>(RecordFilter, 1000, cancellationToken: cancellationToken))
        {
            newestFirst.Add(row);
        }
        newestFirst.Reverse();
        var expected = 1L;
        var previous = ChainHashing.Genesis;
        foreach (var row in newestFirst)
        {
            if (Check(row, expected, previous) is { } reason)
            {
                var missing = row.RowKey != ChainEntity.RecordRowKey(expected);
                return new ChainVerification(false, newestFirst.Count, null, expected, missing ? null : row.Key, reason);
            }
            previous = row.Hash;
            expected++;
        }
        return new ChainVerification(true, newestFirst.Count, newestFirst.Count == 0 ? null : previous, null, null, null);
    }

    /// <summary>Why this row breaks the chain at position <paramref name="expected"/>, or null when it holds.</summary>
    private static string? Check(ChainEntity row, long expected, string previous)
    {
        if (row.RowKey != ChainEntity.RecordRowKey(expected))
        {
            return $"Record {expected} is missing (the next stored record is numbered {row.Sequence}).";
        }
        if (row.Sequence != expected)
        {
            return $"Record {expected} claims to be number {row.Sequence}.";
        }
        if (row.PreviousHash != previous)
        {
            return $"Record {expected} does not link to record {expected - 1}: it names a previous hash that is not that record's.";
        }
        string details;
        try
        {
            details = ChainHashing.CanonicalText(row.DetailsJson);
        }
        catch (System.Text.Json.JsonException)
        {
            return $"Record {expected}'s details are not JSON any more.";
        }
        var hash = ChainHashing.RecordHash(row.Sequence, row.Key, row.Type, row.Subject, row.Actor, row.Time, details, row.PreviousHash);
        return hash == row.Hash ? null : $"Record {expected}'s content does not match its hash: it was changed after it was written.";
    }

    private static async Task<ChainRecord?> FindAsync(TableClient table, string key, CancellationToken cancellationToken)
    {
        var keyRow = await table.GetEntityIfExistsAsync<ChainEntity>(ChainEntity.Partition, ChainEntity.KeyRowKey(key), cancellationToken: cancellationToken);
        if (!keyRow.HasValue || keyRow.Value is null)
        {
            return null;
        }
        var record = await table.GetEntityIfExistsAsync<ChainEntity>(ChainEntity.Partition, ChainEntity.RecordRowKey(keyRow.Value.Sequence), cancellationToken: cancellationToken);
        return record.HasValue && record.Value is not null ? record.Value.ToRecord() : null;
    }

    private static async Task<ChainEntity?> HeadAsync(TableClient table, CancellationToken cancellationToken)
    {
        // A filtered query may answer an empty page with a continuation; the first row found is the newest.
        await foreach (var row in table.QueryAsync<ChainEntity>(RecordFilter, 1, cancellationToken: cancellationToken))
        {
            return row;
        }
        return null;
    }

    private static readonly string RecordFilter = TableClient.CreateQueryFilter(
        $"PartitionKey eq {ChainEntity.Partition} and RowKey ge {ChainEntity.RecordPrefix} and RowKey lt {"s"}");
}
