using System.Text.Json;
using Azure.Data.Tables;
using DurableObjects.Shared.Audit.Chain;
using DurableObjects.Shared.Storage;
using DurableObjects.Shared.Storage.Entities;

namespace DurableObjects.Shared.Audit;

/// <summary>
/// Append-only audit events in Table Storage, listable newest first with filters and paging. The decisions among
/// them (creations and version commits, deploys, rollbacks: <see cref="Chained"/>) are also appended to the tamper-evident
/// <see cref="DecisionChain"/>, keyed by the event's id (by its once key, for an event recorded once per write:
/// <see cref="AppendOnceAsync"/>).
/// </summary>
public sealed class AuditLog(StorageClients storage, TimeProvider clock, DecisionChain chain)
{
    /// <summary>The event types that are decisions and so go into the decision chain as well.</summary>
    public static readonly IReadOnlySet<string> Chained = new HashSet<string>(StringComparer.Ordinal)
    {
        AuditEventTypes.ObjectCreated, AuditEventTypes.VersionAdded, AuditEventTypes.RolledBack, AuditEventTypes.Deployed, AuditEventTypes.DeployFailed,
    };

    public async Task<AuditEvent> AppendAsync(string type, string subject, string actor, IReadOnlyDictionary<string, string>? data = null, CancellationToken cancellationToken = default)
    {
        var entity = NewEntity(type, subject, actor, data);
        var table = await storage.TableAsync(TableNames.Events);
        var appended = entity.ToEvent();
        // The event row and its chain record are independent writes (the chain names the event by its id and keeps
        // its own copy of the data), so they go out together: one storage round trip on the caller's path, not two.
        var added = table.AddEntityAsync(entity, cancellationToken);
        var chained = Chained.Contains(type)
            ? chain.AppendAsync("event/" + appended.Id, type, subject, actor, Details(appended), cancellationToken)
            : Task.CompletedTask;
        await Task.WhenAll(added, chained);
        return appended;
    }

    /// <summary>
    /// Appends the event unless an event with <paramref name="onceKey"/> was appended before (by an earlier attempt of
    /// the same write, or by whoever else finished that write), so every attempt of a write may record its event and
    /// exactly one is kept. Returns whether this call appended it.
    /// </summary>
    /// <remarks>
    /// The event row goes in one entity-group transaction with a row for its once key (<see cref="EventEntity.OnceRowKeyOf"/>,
    /// in the same partition, sorting after every event): both are stored or neither, so an attempt that dies at any
    /// point leaves either no event (the next attempt records it) or the event with its key (the next attempt's
    /// transaction fails with 409 and adds nothing). Its chain record is keyed by the once key too, so it is appended
    /// once, and still goes out beside the event row: one storage round trip, as for any event.
    /// </remarks>
    public async Task<bool> AppendOnceAsync(
        string onceKey, string type, string subject, string actor, IReadOnlyDictionary<string, string>? data = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(onceKey);
        var entity = NewEntity(type, subject, actor, data);
        var table = await storage.TableAsync(TableNames.Events);
        var once = new TableEntity(EventEntity.Partition, EventEntity.OnceRowKeyOf(onceKey)) { ["EventRowKey"] = entity.RowKey };
        var added = AddOnceAsync(table, entity, once, cancellationToken);
        var chained = Chained.Contains(type)
            ? chain.AppendAsync("event-once/" + onceKey, type, subject, actor, Details(entity.ToEvent()), cancellationToken)
            : Task.CompletedTask;
        await Task.WhenAll(added, chained);
        return await added;
    }

    private static async Task<bool> AddOnceAsync(TableClient table, EventEntity entity, TableEntity once, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Add, entity), new TableTransactionAction(TableTransactionActionType.Add, once)],
                cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            // Recorded before, or this very transaction: storage applied it, its answer was lost and the storage
            // client sent it again. Either way the event is there once.
            return false;
        }
    }

    private EventEntity NewEntity(string type, string subject, string actor, IReadOnlyDictionary<string, string>? data)
    {
        var time = clock.GetUtcNow();
        return new EventEntity
        {
            RowKey = EventEntity.RowKeyOf(time, Guid.NewGuid().ToString("N")[..12]),
            Type = type,
            Subject = subject,
            Actor = actor,
            Time = time,
            DataJson = JsonSerializer.Serialize(data ?? new Dictionary<string, string>()),
        };
    }

    private static SortedDictionary<string, string> Details(AuditEvent appended) => new(appended.Data.ToDictionary(), StringComparer.Ordinal);

    public async Task<Page<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(TableNames.Events);
        var filter = BuildFilter(query);
        return await TablePaging.FirstPageAsync(
            table.QueryAsync<EventEntity>(filter, query.PageSize, cancellationToken: cancellationToken),
            query.PageSize,
            query.ContinuationToken,
            e => e.ToEvent());
    }

    private static string BuildFilter(AuditQuery query)
    {
        // Events only: the rows of once keys sort after every event.
        var clauses = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {EventEntity.Partition} and RowKey lt {EventEntity.OncePrefix}") };
        if (!string.IsNullOrEmpty(query.Type))
        {
            var type = query.Type.TrimEnd('*');
            clauses.Add(type.EndsWith('.')
                ? TableClient.CreateQueryFilter($"Type ge {type} and Type lt {NextPrefix(type)}")
                : TableClient.CreateQueryFilter($"Type eq {type}"));
        }
        if (!string.IsNullOrEmpty(query.Subject))
        {
            clauses.Add(TableClient.CreateQueryFilter($"Subject eq {query.Subject}"));
        }
        if (!string.IsNullOrEmpty(query.Actor))
        {
            clauses.Add(TableClient.CreateQueryFilter($"Actor eq {query.Actor}"));
        }
        // Row keys are inverted ticks: later times have smaller keys.
        if (query.Since is { } since)
        {
            clauses.Add(TableClient.CreateQueryFilter($"RowKey lt {EventEntity.RowKeyOf(since, "~")}"));
        }
        if (query.Until is { } until)
        {
            clauses.Add(TableClient.CreateQueryFilter($"RowKey gt {EventEntity.RowKeyOf(until, "")}"));
        }
        return string.Join(" and ", clauses);
    }

    /// <summary>The smallest string greater than every string starting with <paramref name="prefix"/>.</summary>
    private static string NextPrefix(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
