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
/// Within one host, appends take turns (one at a time, each on the head the previous one wrote): without that, every
/// concurrent run on the host raced the others for the same sequence number and most appends under load paid a failed
/// transaction, a key lookup, a head query and a pause before succeeding. Races are left to the writers of other hosts.
/// </para>
/// Trust model: records are written only by this service inside the host; nothing in the API writes them. Anyone
/// with write access to the storage account can still change a row: that is what <see cref="VerifyAsync"/> detects
/// (a changed record, a broken link, a missing record). Truncating the newest records is detected only against a
/// head hash kept elsewhere, which is why verification reports the head hash.
/// </summary>
public sealed class DecisionChain(StorageClients storage, TimeProvider clock) : IDisposable
{
    private const int MaxAttempts = 64;

    /// <summary>The head as this host last wrote or read it; null until then and after a lost race.</summary>
    private ChainHead? _head;

    /// <summary>One append at a time on this host (see the class remarks).</summary>
    private readonly SemaphoreSlim _appendTurn = new(1, 1);

    public void Dispose() => _appendTurn.Dispose();

    /// <summary>Appends a record unless one with <paramref name="key"/> exists; returns the stored record either way.</summary>
    /// <remarks>
    /// The common case is one storage round trip: the first attempt builds on the head this host last saw and does not
    /// look the key up first, because the transaction adds the key row too and so fails (409) when the key was
    /// recorded, exactly as it fails when another writer took the sequence number. Only after a 409 does a writer look
    /// for its key and read the real head. A stale head can therefore never fork the chain or duplicate a key; it
    /// costs one failed transaction.
    /// </remarks>
    public async Task<ChainRecord> AppendAsync<TDetails>(string key, string type, string subject, string actor, TDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var detailsJson = ChainHashing.Canonical(details);
        var table = await storage.TableAsync(TableNames.DecisionChain);
        await _appendTurn.WaitAsync(cancellationToken);
        try
        {
            return await AppendInTurnAsync(table, key, type, subject, actor, detailsJson, cancellationToken);
        }
        finally
        {
            _appendTurn.Release();
        }
    }

    private async Task<ChainRecord> AppendInTurnAsync(TableClient table, string key, string type, string subject, string actor, string detailsJson, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var head = attempt == 1 ? Volatile.Read(ref _head) : null;
            if (head is null)
            {
                if (attempt > 1 && await FindAsync(table, key, cancellationToken) is { } existing)
                {
                    return existing;
                }
                head = await HeadAsync(table, cancellationToken) is { } newest ? new ChainHead(newest.Sequence, newest.Hash) : ChainHead.Empty;
            }
            var sequence = head.Sequence + 1;
            var previous = head.Hash;
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
                Volatile.Write(ref _head, new ChainHead(sequence, record.Hash));
                return record.ToRecord();
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && attempt < MaxAttempts)
            {
                // Another writer took this sequence number, or this key is recorded: look again. After the first
                // attempt (which may only have had a stale head) a short random pause keeps many writers on one head
                // from retrying in lockstep.
                Volatile.Write(ref _head, null);
                if (attempt > 1)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 + attempt * 5)), clock, cancellationToken);
                }
            }
        }
    }

    private sealed record ChainHead(long Sequence, string Hash)
    {
        public static ChainHead Empty { get; } = new(0, ChainHashing.Genesis);
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
