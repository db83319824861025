using System.Text.Json;
using Azure.Data.Tables;
using DurableObjects.Shared.Audit.Chain;
using DurableObjects.Shared.Storage;
using DurableObjects.Shared.Storage.Entities;

namespace DurableObjects.Shared.Audit;

/// <summary>
/// Append-only audit events in Table Storage, listable newest first with filters and paging. The decisions among
/// them (creations and version commits, deploys, rollbacks: <see cref="Chained"/>) are also appended to the tamper-evident
/// <see cref="DecisionChain"/>, keyed by the event's id.
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
        var time = clock.GetUtcNow();
        var entity = new EventEntity
        {
            RowKey = EventEntity.RowKeyOf(time, Guid.NewGuid().ToString("N")[..12]),
            Type = type,
            Subject = subject,
            Actor = actor,
            Time = time,
            DataJson = JsonSerializer.Serialize(data ?? new Dictionary<string, string>()),
        };
        var table = await storage.TableAsync(TableNames.Events);
        var appended = entity.ToEvent();
        // The event row and its chain record are independent writes (the chain names the event by its id and keeps
        // its own copy of the data), so they go out together: one storage round trip on the caller's path, not two.
        var added = table.AddEntityAsync(entity, cancellationToken);
        var chained = Chained.Contains(type)
            ? chain.AppendAsync("event/" + appended.Id, type, subject, actor, new SortedDictionary<string, string>(appended.Data.ToDictionary(), StringComparer.Ordinal), cancellationToken)
            : Task.CompletedTask;
        await Task.WhenAll(added, chained);
        return appended;
    }

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
        var clauses = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {EventEntity.Partition}") };
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
